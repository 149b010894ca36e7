#!/usr/bin/env node
// Validates every manifest under deploy/k8s against the Kubernetes OpenAPI schemas bundled in the
// kubernetes-models package, then checks what those schemas cannot: cross-references between the manifests,
// the kustomization's resource list, and this project's deployment policy (probes, resources, non-root).
//   node scripts/validate-k8s.js [dir]      exit 1 and list every problem when a manifest is invalid
//   node scripts/validate-k8s.js --self-test proves the checks reject deliberately broken manifests
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const DEFAULT_DIR = path.join(__dirname, '..', 'deploy', 'k8s');
const EXAMPLE_SUFFIX = '.example.yaml';

/** Parses a multi-document YAML string with whichever YAML parser the dependency tree already provides. */
function parseYamlDocuments(text) {
  try {
    return require('js-yaml')
      .loadAll(text)
      .filter((doc) => doc != null);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
  }
  const YAML = require('yaml');
  return YAML.parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw doc.errors[0];
      return doc.toJS();
    })
    .filter((doc) => doc != null);
}

/** Loads the kubernetes-models class for an apiVersion/kind pair, or null when the package has none. */
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9./-]+$/.test(apiVersion + kind)) return null;
  try {
    return require(`kubernetes-models/${apiVersion}/${kind}`)[kind] ?? null;
  } catch {
    return null;
  }
}

/** Schema errors for one Kubernetes object, as readable strings. */
function schemaErrors(doc) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return ['document is not a mapping'];
  const Model = modelFor(doc.apiVersion, doc.kind);
  if (!Model) return [`unknown apiVersion/kind ${doc.apiVersion}/${doc.kind}`];
  const errors = [];
  if (!doc.metadata || typeof doc.metadata.name !== 'string' || doc.metadata.name === '') errors.push('metadata.name is required');
  try {
    new Model(doc).validate();
  } catch (error) {
    const details = Array.isArray(error.errors) ? error.errors.map((e) => `${e.instancePath || '/'} ${e.message}`) : [error.message];
    errors.push(...details);
  }
  return errors;
}

/** Policy errors for a Deployment's pod template: probes, resources, non-root and read-only root filesystem. */
function deploymentPolicyErrors(doc) {
  const errors = [];
  const pod = doc.spec?.template?.spec ?? {};
  for (const container of pod.containers ?? []) {
    const where = `container ${container.name}`;
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (!container[probe]) errors.push(`${where}: ${probe} is missing`);
    }
    if (container.livenessProbe?.httpGet?.path !== '/health/live') errors.push(`${where}: livenessProbe must GET /health/live`);
    if (container.readinessProbe?.httpGet?.path !== '/health/ready') errors.push(`${where}: readinessProbe must GET /health/ready`);
    for (const kind of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) {
        if (!container.resources?.[kind]?.[resource]) errors.push(`${where}: resources.${kind}.${resource} is missing`);
      }
    }
    if (container.securityContext?.readOnlyRootFilesystem !== true) errors.push(`${where}: securityContext.readOnlyRootFilesystem must be true`);
    if (container.securityContext?.allowPrivilegeEscalation !== false) errors.push(`${where}: securityContext.allowPrivilegeEscalation must be false`);
    if (container.securityContext?.runAsNonRoot !== true && pod.securityContext?.runAsNonRoot !== true) errors.push(`${where}: runAsNonRoot must be true`);
  }
  return errors;
}

function labelsMatch(selector, labels) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** Errors in references between objects: config and secret names, selectors, autoscaler and budget targets. */
function crossReferenceErrors(entries) {
  const errors = [];
  const named = (kind) => new Map(entries.filter((e) => e.doc?.kind === kind).map((e) => [e.doc.metadata?.name, e.doc]));
  const configMaps = named('ConfigMap');
  const secrets = named('Secret');
  const deployments = named('Deployment');
  for (const [name, deployment] of deployments) {
    const podLabels = deployment.spec?.template?.metadata?.labels;
    if (!labelsMatch(deployment.spec?.selector?.matchLabels, podLabels)) errors.push(`Deployment ${name}: selector does not match the pod template labels`);
    for (const container of deployment.spec?.template?.spec?.containers ?? []) {
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !configMaps.has(source.configMapRef.name)) errors.push(`Deployment ${name}: ConfigMap ${source.configMapRef.name} is not defined`);
        if (source.secretRef && !secrets.has(source.secretRef.name)) errors.push(`Deployment ${name}: Secret ${source.secretRef.name} has no example manifest documenting its keys`);
      }
    }
  }
  const podsMatchedBy = (selector) => [...deployments.values()].some((d) => labelsMatch(selector, d.spec?.template?.metadata?.labels));
  for (const { doc } of entries) {
    const name = `${doc?.kind} ${doc?.metadata?.name}`;
    if (doc?.kind === 'Service' && !podsMatchedBy(doc.spec?.selector)) errors.push(`${name}: selector matches no Deployment's pods`);
    if (doc?.kind === 'PodDisruptionBudget' && !podsMatchedBy(doc.spec?.selector?.matchLabels)) errors.push(`${name}: selector matches no Deployment's pods`);
    if (doc?.kind === 'HorizontalPodAutoscaler') {
      const target = doc.spec?.scaleTargetRef;
      if (target?.kind !== 'Deployment' || !deployments.has(target?.name)) errors.push(`${name}: scaleTargetRef ${target?.kind}/${target?.name} is not defined`);
    }
  }
  return errors;
}

/** Errors in kustomization.yaml: listed files that are missing, and manifests in the folder it leaves out. */
function kustomizationErrors(kustomization, fileNames) {
  if (!kustomization) return ['kustomization.yaml is missing'];
  const listed = kustomization.resources ?? [];
  const errors = listed.filter((file) => !fileNames.includes(file)).map((file) => `kustomization.yaml lists ${file}, which does not exist`);
  for (const file of fileNames) {
    if (file !== 'kustomization.yaml' && !file.endsWith(EXAMPLE_SUFFIX) && !listed.includes(file)) errors.push(`kustomization.yaml does not list ${file}`);
    if (file.endsWith(EXAMPLE_SUFFIX) && listed.includes(file)) errors.push(`kustomization.yaml must not apply the example ${file}`);
  }
  return errors;
}

/** Validates a set of manifests given as { fileName: yamlText }; returns every problem found. */
function validateManifests(files) {
  const errors = [];
  const entries = [];
  let kustomization = null;
  for (const [file, text] of Object.entries(files)) {
    let docs;
    try {
      docs = parseYamlDocuments(text);
    } catch (error) {
      errors.push(`${file}: YAML does not parse: ${error.message.split('\n')[0]}`);
      continue;
    }
    if (docs.length === 0) errors.push(`${file}: no documents`);
    for (const doc of docs) {
      if (file === 'kustomization.yaml') {
        kustomization = doc;
        continue;
      }
      entries.push({ file, doc });
      errors.push(...schemaErrors(doc).map((e) => `${file} (${doc?.kind ?? '?'} ${doc?.metadata?.name ?? '?'}): ${e}`));
      if (doc?.kind === 'Deployment') errors.push(...deploymentPolicyErrors(doc).map((e) => `${file} (Deployment ${doc.metadata?.name}): ${e}`));
    }
  }
  errors.push(...crossReferenceErrors(entries), ...kustomizationErrors(kustomization, Object.keys(files)));
  return { errors, objects: entries.length };
}

function readManifestDir(dir) {
  const files = {};
  for (const name of fs.readdirSync(dir).sort()) {
    if (/\.ya?ml$/.test(name)) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return files;
}

/** Breaks the real manifests in memory in several ways and checks each break is reported. */
function selfTest(dir) {
  const good = readManifestDir(dir);
  const cases = [
    ['a replica count that is not an integer', 'deployment.yaml', (t) => t.replace(/replicas: 3/, 'replicas: three'), /spec\/replicas must be integer/],
    ['a container name that is not a string', 'deployment.yaml', (t) => t.replace(/- name: gateway/, '- name: 42'), /containers\/0\/name must be string/],
    ['a misspelt readiness probe', 'deployment.yaml', (t) => t.replace(/readinessProbe:/, 'readinesProbe:'), /readinessProbe is missing/],
    ['a Service port that is not a number', 'service.yaml', (t) => t.replace(/port: 8002/, 'port: eight'), /ports\/0\/port must be integer/],
    ['a Service selecting no pods', 'service.yaml', (t) => t.replace(/component: api\n {2}ports/, 'component: worker\n  ports'), /selector matches no Deployment/],
    ['an unknown kind', 'pdb.yaml', (t) => t.replace(/kind: PodDisruptionBudget/, 'kind: PodDisruptionBuget'), /unknown apiVersion\/kind/],
    ['an HPA pointing nowhere', 'hpa.yaml', (t) => t.replace(/name: odoo-ai-gateway\n {2}minReplicas/, 'name: other\n  minReplicas'), /scaleTargetRef Deployment\/other/],
    ['a renamed ConfigMap the Deployment still refers to', 'configmap.yaml', (t) => t.replace(/name: odoo-ai-gateway-config/, 'name: renamed'), /ConfigMap odoo-ai-gateway-config is not defined/],
    ['broken YAML', 'hpa.yaml', (t) => `${t}\n  : [unclosed`, /YAML does not parse/],
    ['a manifest left out of the kustomization', 'kustomization.yaml', (t) => t.replace(/ {2}- pdb.yaml\n/, ''), /does not list pdb.yaml/],
  ];
  const failures = [];
  const baseline = validateManifests(good).errors;
  if (baseline.length > 0) failures.push(`the committed manifests should be valid but: ${baseline.join('; ')}`);
  for (const [label, file, mutate, expected] of cases) {
    const mutated = mutate(good[file]);
    if (mutated === good[file]) {
      failures.push(`${label}: the mutation did not apply to ${file}`);
      continue;
    }
    const { errors } = validateManifests({ ...good, [file]: mutated });
    if (!errors.some((e) => expected.test(e))) failures.push(`${label}: expected an error matching ${expected}, got ${JSON.stringify(errors)}`);
  }
  return { failures, cases: cases.length };
}

function main(argv) {
  const args = argv.filter((a) => a !== '--self-test');
  const dir = path.resolve(args[0] ?? DEFAULT_DIR);
  if (argv.includes('--self-test')) {
    const { failures, cases } = selfTest(dir);
    for (const failure of failures) console.error(`self-test FAILED: ${failure}`);
    console.log(failures.length === 0 ? `validate-k8s self-test: ${cases} broken manifests rejected` : 'validate-k8s self-test failed');
    return failures.length === 0 ? 0 : 1;
  }
  const { errors, objects } = validateManifests(readManifestDir(dir));
  for (const error of errors) console.error(`invalid: ${error}`);
  if (errors.length > 0) {
    console.error(`validate-k8s: ${errors.length} problem(s) in ${path.relative(process.cwd(), dir) || dir}`);
    return 1;
  }
  console.log(`validate-k8s: ${objects} objects in ${path.relative(process.cwd(), dir) || dir} are valid`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

module.exports = { validateManifests, parseYamlDocuments };
