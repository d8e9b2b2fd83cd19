import { BUDGETS, CEILINGS, checkBudgets, measureKit, type BundleSize } from './bundle-size';

/**
 * `npm run size`: the budgets of issue 6 and where the bytes come from, from the sources (no build). The numbers are
 * the ones test/package/budgets.test.ts checks; the module table says which files to look at first. Pass a number to
 * list more modules (default 25).
 *
 * @example
 * npm run size -- 40
 */
const top = Number(process.argv[2] ?? 25);
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
const row = (size: BundleSize, budget?: number) =>
  `${size.name.padEnd(46)} ${kb(size.gzip).padStart(9)} gzip ${kb(size.minified).padStart(10)} min${budget ? `   budget ${kb(budget)}` : ''}`;

const sizes = await measureKit('src');
console.log(Object.values(sizes.entries).map((size) => row(size)).join('\n'));
console.log(row(sizes.coreAndReact, BUDGETS.coreAndReact.gzip));
console.log(row(sizes.runtimeWithoutVirtualizer, BUDGETS.runtimeWithoutVirtualizer.gzip));
console.log(row(sizes.styles, BUDGETS.styles.gzip));

for (const bundle of [sizes.coreAndReact, sizes.runtimeWithoutVirtualizer]) {
  console.log(`\n${bundle.name}: the ${top} largest modules (minified bytes)`);
  for (const { path, bytes } of bundle.modules.slice(0, top)) console.log(`${String(bytes).padStart(8)}  ${path}`);
}

const breaches = checkBudgets(sizes);
// A budget not yet met is held meanwhile to its ceiling by CI (test/package/budgets.test.ts): it may not grow past it.
const ceilingOf = (budget: keyof typeof BUDGETS) => (CEILINGS[budget] ? `; CI ceiling meanwhile ${kb(CEILINGS[budget].gzip)}` : '');
console.log(breaches.length === 0 ? '\nEvery budget holds.' : `\n${breaches.map((b) => b.message + ceilingOf(b.budget)).join('\n')}`);
process.exitCode = breaches.length === 0 ? 0 : 1;
