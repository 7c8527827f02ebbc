"""The Chinese edition, generated from the English sources and the gettext catalogues.

The English notebooks (``lessons/``) and pages (``book/``) are the only source. Their prose is
extracted into one ``.pot`` per page (Sphinx's gettext builder); the translations live in
``locales/zh_CN/LC_MESSAGES/<page>.po``. From both, this package writes

- the Chinese notebooks, ``zh/lessons/*.ipynb`` (committed, so that Binder, Colab and
  nbgitpuller reach them; tests/tools/test_translation.py keeps them in step), and
- the Chinese book's source tree in ``_build/zh/source`` (built into ``_build/html/zh``).

Modules: ``catalogues`` (reading the .po files), ``myst_text`` (putting translations into a
page's MyST source), ``terms`` (the glossary as term base), ``checks`` (what a translation must
keep), ``edition`` (the notebooks and the source tree). ``tools/translate.py`` is the command line.
"""
