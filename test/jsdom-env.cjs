// Jest 30's jsdom environment lacks structuredClone, which fake-indexeddb needs.
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithStructuredClone extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.structuredClone = structuredClone;
    if (!this.global.TextEncoder) this.global.TextEncoder = TextEncoder;
    if (!this.global.TextDecoder) this.global.TextDecoder = TextDecoder;
    // The fetch API's answers, for the worker's code that fetches (subscriptions): Node's own.
    for (const name of ['Response', 'Headers']) if (!this.global[name]) this.global[name] = globalThis[name];
  }
}
module.exports = JsdomWithStructuredClone;
