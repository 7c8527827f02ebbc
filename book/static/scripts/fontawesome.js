/* Empty on purpose: book/_ext/fontawesome_css_only.py. The theme's stylesheet draws the icons. */
