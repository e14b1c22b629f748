// `vitest` for the browser edition's Check command: `describe`, `it`/`test` and vitest's own
// `expect` (@vitest/expect on chai, as vitest builds it), so a public test's failure reads exactly
// as in `npm run check`. Tests are collected by `describe`/`it` and run by `runCollected`.
import * as chai from "chai";
import { ChaiStyleAssertions, getState, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from "@vitest/expect";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);

type Expect = ((value: unknown, message?: string) => Chai.Assertion) & Record<string, unknown>;

/** vitest's `expect`, counting assertions like vitest does. */
export const expect = ((value: unknown, message?: string) => {
  const { assertionCalls } = getState(expect as never) as { assertionCalls: number };
  setState({ assertionCalls: assertionCalls + 1 }, expect as never);
  return chai.expect(value, message);
}) as Expect;
Object.assign(expect, chai.expect);
setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null }, expect as never);

/** A collected test: its title and body. */
export interface Collected {
  title: string;
  run: () => unknown;
}
let collected: Collected[] = [];

/** vitest's `describe`: its tests are collected (the title is not part of a test's title, as in the JSON report). */
export function describe(_title: string, body: () => void): void {
  body();
}

/** vitest's `it`. */
export function it(title: string, body: () => unknown): void {
  collected.push({ title, run: body });
}
export { it as test };

/** Takes the tests collected so far, leaving none. */
export function takeCollected(): Collected[] {
  const out = collected;
  collected = [];
  return out;
}
