/**
 * The layers of src/, checked by dependency-cruiser (`npm run lint:deps`). Imports run one way:
 *
 *   index → main → steps / report → decide → cloud → model → config → base (budget.ts sits on base)
 *
 * model/ holds the records the layers pass around (the image record and its statuses, the plan,
 * the run's result); decide/ takes values only from model/, base/ and itself, and only types from
 * cloud/, config/ and budget.ts, so its decisions run alone. A failure prints the rule's name and
 * its comment. See CONTRIBUTING.md, "Layout".
 * @type {import('dependency-cruiser').IConfiguration}
 */

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports has no lower layer: break it by moving the shared part down.',
      from: { path: '^src/' },
      to: { circular: true }
    },
    {
      name: 'base-is-the-floor',
      severity: 'error',
      comment:
        'base/ is the bottom layer (errors, text, json, runtime, secrets): it imports only base/.',
      from: { path: '^src/base/' },
      to: { path: '^src/', pathNot: '^src/base/' }
    },
    {
      name: 'budget-on-base',
      severity: 'error',
      comment:
        'budget.ts (the one time budget) is used by cloud/ and steps/: it imports only base/.',
      from: { path: '^src/budget[.]ts$' },
      to: { path: '^src/', pathNot: '^src/base/' }
    },
    {
      name: 'config-on-base',
      severity: 'error',
      comment:
        'config/ reads the inputs into a Config: it imports only config/ and base/ (nothing of the wire, the decisions, the steps or the report).',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/(config|base)/' }
    },
    {
      name: 'model-on-config-and-base',
      severity: 'error',
      comment:
        'model/ is the records every layer shares: it imports only model/, config/ and base/ (nothing of the wire, the decisions, the steps or the report).',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/(model|config|base)/' }
    },
    {
      name: 'cloud-knows-no-steps',
      severity: 'error',
      comment:
        'cloud/ is the wire: it imports cloud/, model/, config/, base/ and budget.ts, never decide/, steps/, report/, main or index (a policy it acts on, like retry.ts, lives in cloud/).',
      from: { path: '^src/cloud/' },
      to: { path: '^src/(steps/|report/|decide/|main[.]ts$|index[.]ts$)' }
    },
    {
      name: 'decide-is-pure',
      severity: 'error',
      comment:
        'decide/ holds pure decisions: it imports nothing from steps/, report/, main or index. Put a record it needs in model/, an error in base/errors.ts.',
      from: { path: '^src/decide/' },
      to: { path: '^src/(steps/|report/|main[.]ts$|index[.]ts$)' }
    },
    {
      name: 'decide-imports-types-only',
      severity: 'error',
      comment:
        'decide/ takes only types from cloud/, config/ and budget.ts (`import type`), so a decision runs without the wire: values it needs belong in decide/, model/ or base/.',
      from: { path: '^src/decide/' },
      to: { path: '^src/(cloud/|config/|budget[.]ts$)', dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'report-knows-no-steps',
      severity: 'error',
      comment:
        'report/ renders the outcome alone: it imports nothing from steps/, main or index (what it needs travels in the RunResult).',
      from: { path: '^src/report/' },
      to: { path: '^src/(steps/|main[.]ts$|index[.]ts$)' }
    },
    {
      name: 'steps-know-no-report',
      severity: 'error',
      comment:
        'steps/ do the work and report/ renders it: a step imports nothing from report/, main or index.',
      from: { path: '^src/steps/' },
      to: { path: '^src/(report/|main[.]ts$|index[.]ts$)' }
    },
    {
      name: 'only-index-loads-main',
      severity: 'error',
      comment: 'main.ts is the story; only index.ts (signal handlers first) loads it.',
      from: { path: '^src/', pathNot: '^src/index[.]ts$' },
      to: { path: '^src/main[.]ts$' }
    },
    {
      name: 'nothing-imports-index',
      severity: 'error',
      comment: 'index.ts is the entry point: nothing imports it.',
      from: { path: '^src/' },
      to: { path: '^src/index[.]ts$' }
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment:
        'An import that resolves to nothing: a typo, or a package missing from package.json.',
      from: { path: '^src/' },
      to: { couldNotResolve: true }
    },
    {
      name: 'no-dev-dependency-in-src',
      severity: 'error',
      comment:
        'src/ is bundled into dist/: it may import only runtime dependencies (package.json "dependencies").',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json']
    },
    reporterOptions: { text: { highlightFocused: true } }
  }
}
