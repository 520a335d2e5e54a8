// Reads a stream of Kubernetes objects (YAML, as `kubectl kustomize` prints them) on stdin and validates each against
// the Kubernetes API's OpenAPI schema (kubernetes-models: required fields, types, enums, formats). Prints one line
// per problem and exits 1 if there was any; unknown fields are Deploy.Tests' own check (KubernetesClient, strict).
import { parseAllDocuments } from "yaml";

const input = await new Promise(resolve => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", chunk => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

const problems = [];
let validated = 0;
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors.map(error => error.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  if (object === null) continue;
  const name = `${object.kind}/${object.metadata?.name}`;
  // kubernetes-models/<group>/<version>/<Kind>; the core group ("v1") has no group segment.
  const modulePath = `kubernetes-models/${object.apiVersion}/${object.kind}`;
  let model;
  try {
    model = (await import(modulePath))[object.kind];
  } catch {
    problems.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new model(object).validate();
    validated++;
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
  }
}

for (const problem of problems) console.log(problem);
console.log(`validated ${validated} objects, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
