/** Schedule times: whether a zone name agrees with a schedule's explicit offsets, across a change of summer time. */
import { zoneAgrees } from '../../../../src/shared/importers/platforms/time';

describe('zoneAgrees', () => {
  it('follows the zone’s offset on each side of a change of summer time, asked once or many times', () => {
    // Berlin went from +01:00 to +02:00 at 02:00 local on 31 March 2024.
    for (let round = 0; round < 3; round++) {
      expect(zoneAgrees('Europe/Berlin', '2024-03-31', '01:30', '+01:00')).toBe(true);
      expect(zoneAgrees('Europe/Berlin', '2024-03-31', '03:30', '+02:00')).toBe(true);
      expect(zoneAgrees('Europe/Berlin', '2024-03-31', '03:30', '+01:00')).toBe(false);
      expect(zoneAgrees('Europe/London', '2024-01-10', '09:00', 'UTC')).toBe(true);
    }
  });

  it('answers false for an unknown zone or an unreadable time', () => {
    expect(zoneAgrees('Mars/Olympus_Mons', '2024-05-01', '10:00', '+00:00')).toBe(false);
    expect(zoneAgrees('Europe/Berlin', '2024-13-45', '10:00', '+02:00')).toBe(false);
  });
});
