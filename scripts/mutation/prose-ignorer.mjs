/**
 * A Stryker ignorer: text written for people (error messages, log lines) is not mutated.
 * A refusal's decision is its reason code, status and outcome, which are identifiers without
 * whitespace and stay mutated; the sentence beside a reason explains it to a person, and
 * replacing it with "" changes no decision. A literal counts as prose when it holds whitespace.
 */
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const PROSE = /\s/;

function isProse(node) {
  if (node.type === 'StringLiteral') return PROSE.test(node.value);
  if (node.type === 'TemplateLiteral') return node.quasis.some((q) => PROSE.test(q.value.cooked ?? q.value.raw));
  return false;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'prose', {
    shouldIgnore(path) {
      return isProse(path.node) ? 'text for people, not a decision' : undefined;
    },
  }),
];
