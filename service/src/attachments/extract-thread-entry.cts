// What piscina loads in each extraction thread. piscina loads its module with require() first, and
// on Node 20.19+ that pulls an ES module in through require(esm), synchronously; a thread ended
// while that load runs (a stuck file's thread replaced, the pool closed) aborts the whole process
// (V8 "IsGraphAsync … instantiated module"). From CommonJS, the thread module comes in by import().
import type { Extraction } from '@phiguard/attachments';
import type { ThreadTask } from './extract-thread.js' with { 'resolution-mode': 'import' };

module.exports = async (task: ThreadTask): Promise<Extraction> => {
  const { default: extractInThread } = await import('./extract-thread.js');
  return extractInThread(task);
};
