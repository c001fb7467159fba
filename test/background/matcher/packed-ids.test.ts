import { packIds, unpackIds } from '../../../src/background/matcher/packed-ids';

describe('packed ids', () => {
  it('give back the same ids, in order, empty and non-Latin ones included', () => {
    const ids = ['sp_01HX', '', 'sp_ünïcødé', 'sp_名前', 'x'.repeat(300), 'sp_01HX'];
    const packed = packIds(ids)!;
    expect(packed.bytes.length).toBeGreaterThan(ids.join('').length);
    expect(unpackIds(packed)).toEqual(ids);
    expect(unpackIds(packIds([])!)).toEqual([]);
  });

  it('are not packed when an id holds a surrogate, which UTF-8 could not carry alone', () => {
    expect(packIds(['sp_a', 'sp_\uD83D'])).toBeUndefined();
    expect(packIds(['sp_😀'])).toBeUndefined();
  });
});
