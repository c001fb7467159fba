/**
 * Conference-platform importers and exporters (issue 7).
 *
 * Single-file importers implement {@link Importer}; inputs that need several
 * files or a stream have their own entry points:
 * - {@link pretalxApiToBundle}: already-fetched pretalx API pages;
 * - {@link sessionizeCsvToBundle}: the sessions + speakers CSV pair;
 * - {@link pyvideoArchiveBundles}: a pyvideo repository `.tar.gz`/`.zip`,
 *   streamed, one bundle per event (async generator);
 * - {@link pyvideoFolderBundles}: a picked folder (event or repository).
 *
 * Limits: {@link MAX_TEXT_CHARS} per text file, {@link MAX_ARCHIVE_BYTES} per
 * archive, {@link MAX_ARCHIVE_ENTRY_BYTES} per file inside an archive.
 */
import type { Importer } from '../importer';
import { europythonDaysImporter } from './europython-days';
import { frabJsonImporter } from './frab-json';
import { frabXmlImporter } from './frab-xml';
import { icalImporter } from './ical';
import { pretalxApiImporter } from './pretalx-api';
import { pyvideoTalkImporter } from './pyvideo';
import { sessionizeCsvImporter } from './sessionize-csv';
import { sessionizeJsonImporter } from './sessionize-json';

/** Every single-file platform importer, for the registry. */
export const platformImporters: Importer[] = [
  frabXmlImporter,
  frabJsonImporter,
  pretalxApiImporter,
  sessionizeJsonImporter,
  sessionizeCsvImporter,
  icalImporter,
  europythonDaysImporter,
  pyvideoTalkImporter,
];

export { archiveEntries, isGzip, isZip, type ArchiveEntry, type ArchiveOptions, type ArchiveSource } from './archive';
export { europythonDaysImporter } from './europython-days';
export { talksToFrabJson, type FrabJsonExport } from './export-frab';
export { talksToICalendar, type ICalendarExport } from './export-ical';
export { exportTalkFromView, exportTalksFromBundle, type ExportEvent, type ExportSpeaker, type ExportTalk } from './export-talks';
export { frabJsonImporter } from './frab-json';
export { frabXmlImporter } from './frab-xml';
export { icalImporter } from './ical';
export { decodeUtf8, MAX_ARCHIVE_BYTES, MAX_ARCHIVE_ENTRY_BYTES, MAX_TEXT_CHARS } from './input';
export { pretalxApiImporter, pretalxApiToBundle, type PretalxApiPages } from './pretalx-api';
export { pyvideoArchiveBundles, pyvideoFolderBundles, pyvideoTalkImporter, type PyvideoFile, type PyvideoStreamOptions } from './pyvideo';
export { sessionizeCsvImporter, sessionizeCsvToBundle } from './sessionize-csv';
export { sessionizeJsonImporter } from './sessionize-json';
export { parseSpeakerString, type ParsedPerson, type ParsedSpeakers } from './speaker-names';
