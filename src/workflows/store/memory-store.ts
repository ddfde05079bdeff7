/** In-memory `WorkflowStore` (tests and benches; NOT restart-safe across processes). */
import type { WorkflowStore } from '../ports.js';

export class MemoryWorkflowStore implements WorkflowStore {
  private readonly map = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.map.get(key);
  }
  async put(key: string, value: string): Promise<void> {
    this.map.set(key, value);
  }
  async keys(prefix: string): Promise<string[]> {
    return [...this.map.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}
