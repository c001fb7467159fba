/** Build-time constants (webpack DefinePlugin; jest sets them in test/setup). */
declare const __PODIUM_TEST__: boolean;
declare const __VERSION__: string;

declare module '*.css' {
  const text: string;
  export default text;
}
