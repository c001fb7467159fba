/**
 * A deterministic synthetic archive for benchmarks and scale tests: people
 * with realistic names (diacritics, ø/ł/ß, several languages), events of
 * real-looking series over twenty years, and talks with one to three
 * speakers. The same options always give the same bundle.
 *
 * Every person's name key is distinct, and every talk title too, so that
 * importing the bundle into an empty archive creates exactly `speakers`
 * speakers and `talks` talks (nothing merges by accident).
 */
import { normalizeName } from '../../shared/names';
import type { DraftEvent, DraftSpeaker, DraftTalk, ImportBundle, TalkKind } from '../../shared/types';

export interface SyntheticOptions {
  talks: number;
  speakers: number;
  /** Any integer; default 1. */
  seed?: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words whose folded forms are distinct (so "Müller" and "Muller" never both appear). */
function distinct(words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    const k = normalizeName(w);
    if (!k || k.includes(' ') || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const FIRST = distinct(
  ('Anna Ana Ángel Åsa Ågot Björn Bjørn Chloé Ciarán Dániel Dorota Élise Émile Eoin Fatma Filip Gaëlle Grzegorz Hana Håkon Ines Inês ' +
    'Ivana İlker János Jiří Joana Jürgen Kateřina Kåre Łucja Luís Magdalena Maël Małgorzata Marek Mária Mateusz Miloš Mónica Nadège ' +
    'Niamh Noémi Ondřej Orsolya Paweł Pedro Petra Quentin Radek Raphaël Renée Ruairí Sándor Sebastián Siobhán Søren Stéphane Svenja ' +
    'Szymon Tamás Þóra Tomáš Ugne Ülkü Václav Vilém Wojciech Xènia Yasmin Zdeněk Zoë Žofia Ægir Øyvind Aoife Darragh Oisín Seán Pádraig ' +
    'Giuseppe Angelo Rok Lucía Ignacio Martín Jesús Begoña Nuño Adrián Françoise Jérôme Gérard Cécile Benoît Hélène Mathilde Loïc ' +
    'Ilse Dörte Gunnar Sigrún Elín Ásgeir Thuy Nguyệt Hương Minh Đức Akira Haruto Yūki Sakura Soo-ah Ji-woo Min-jun').split(' '),
);
const LAST_STEMS = distinct(
  'Kowal Nowak Dvoř Novot Svob Horv Kovač Petrov Ivan Jovan Marin Sørens Ødeg Łuk Wiśn Zieliń Wójc Kamiń Lewand Müll Schmid Schnei Fisch Weiß Wagn Beck Hoffm Schäf Koch Garc Fernánd Rodrígu Gonzál Martín Sánch Pérez Gómez Jiménez Ruiz Álvar Moren Muñ Romer Alons Gutiérr Navarr Torr Domíng Vázqu Ramír Gil Serran Blanc Suár Molin Moral Orteg Delg Castr Ortíz Rubi Marq Sanz Iglesi Núñ Medin Garrid Cort Castill Santan Lozan Guerr Caño Prieto Méndez Cruz Calv Galleg Vidal León Márq Herrer Peñ Flor Cabrer Campos Vega Fuent Carrasc Dieg Reyes Caball Nieto Aguil Pascual Santos Herrán Lorent Hidalg Montero Ibáñ Giménez Ferrer Durán Santiag Benítez Mora Vicente Vargas Arias Carmon Crespo Román Past Soto Sáez Velasc Mont Soler Parra Esteban Bravo Gallard Rojas Papež Lavagett Faill Ó\u0301Brien Byrn Ryan Ó\u0301Sullivan Walsh Kelly Murph Dóyle Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos Mészáros Oláh Simon Rácz Fekete Nguyễn Trần Lê Phạm Hoàng Huỳnh Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Tanaka Suzuki Takahashi Watanabe Itō Yamamoto Nakamura Kobayashi Katō Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto'.split(' '),
);
const LAST_ENDINGS = ['', 'ski', 'ová', 'ić', 'sen', 'ard', 'er', 'eau', 'ų', 'escu', 'ini', 'ßler', 'strøm', 'berg', 'ley'];
const LAST = distinct(LAST_STEMS.flatMap((stem) => LAST_ENDINGS.map((end) => stem + end)));
const INITIALS = 'ABCDEFGHIJKLMNOPRSTVWZ'.split('');

const SERIES = [
  ['EuroPython', 'Dublin', 'Ireland'], ['PyCon US', 'Pittsburgh', 'United States'], ['FOSDEM', 'Brussels', 'Belgium'],
  ['DjangoCon Europe', 'Porto', 'Portugal'], ['PyData Berlin', 'Berlin', 'Germany'], ['SciPy', 'Austin', 'United States'],
  ['KubeCon Europe', 'Amsterdam', 'Netherlands'], ['PyCon Česko', 'Praha', 'Czechia'], ['PyCon España', 'Málaga', 'Spain'],
  ['Journées du Logiciel Libre', 'Lyon', 'France'], ['SREcon EMEA', 'Dublin', 'Ireland'], ['PyCon Polska', 'Kraków', 'Poland'],
  ['EuroSciPy', 'Basel', 'Switzerland'], ['PyCon Italia', 'Firenze', 'Italy'], ['PyCon JP', 'Tōkyō', 'Japan'],
  ['Nordic Python Summit', 'Göteborg', 'Sweden'], ['PyCon Türkiye', 'İstanbul', 'Türkiye'], ['PyCon Ireland', 'Dublin', 'Ireland'],
  ['GopherCon EU', 'Berlin', 'Germany'], ['RustConf', 'Montréal', 'Canada'], ['JSConf EU', 'Berlin', 'Germany'],
  ['Devoxx', 'Antwerpen', 'Belgium'], ['Øredev', 'Malmö', 'Sweden'], ['NDC Oslo', 'Oslo', 'Norway'], ['PyCon Hong Kong', 'Hong Kong', 'China'],
] as const;
const YEARS = Array.from({ length: 21 }, (_, i) => 2005 + i);

const OPENERS = ['Scaling', 'Testing', 'Debugging', 'Rethinking', 'Securing', 'Profiling', 'Shipping', 'Teaching', 'Observing', 'Migrating', 'Packaging', 'Automating', 'Designing', 'Documenting', 'Refactoring', 'Deploying', 'Measuring', 'Hardening', 'Simplifying', 'Understanding'];
const TOPICS = ['Django', 'asyncio', 'Kubernetes', 'PostgreSQL', 'type hints', 'NumPy', 'pandas', 'Rust extensions', 'DHCP', 'TFTP servers', 'CPython internals', 'WebAssembly', 'GraphQL APIs', 'service meshes', 'Envoy', 'Prometheus', 'feature flags', 'CI pipelines', 'data pipelines', 'machine learning models', 'search engines', 'accessibility', 'open source communities', 'bare-metal clusters', 'RPC', 'microservices', 'monoliths', 'event sourcing', 'caches', 'message queues', 'load balancers', 'TLS', 'OAuth', 'static sites', 'mobile apps', 'game engines', 'robots', 'satellites', 'genomics', 'climate models', 'spreadsheets', 'notebooks', 'compilers', 'parsers', 'regular expressions', 'Unicode', 'time zones', 'dates', 'floating point', 'memory leaks'];
const CONTEXTS = ['at scale', 'in production', 'for beginners', 'the hard way', 'without tears', 'at Wikimedia', 'at Facebook', 'in the browser', 'on a budget', 'for fun and profit', 'in ten minutes', 'with property-based tests', 'for scientists', 'in regulated industries', 'on Raspberry Pi', 'across time zones', 'in a small team', 'after ten years', 'from first principles', 'in the cloud', 'on bare metal', 'with Rust', 'with Python 3', 'under the hood', 'for everyone'];
const TALK_KINDS: TalkKind[] = ['talk', 'talk', 'talk', 'talk', 'talk', 'talk', 'workshop', 'keynote', 'lightning', 'panel'];
const ROLES = ['Staff Engineer', 'Production Engineer', 'Principal SRE', 'Data Scientist', 'Developer Advocate', 'Research Software Engineer', 'CTO', 'Maintainer', 'PhD Student', 'Professor'];
const ORGS = ['Wikimedia Foundation', 'Meta', 'Université de Lyon', 'Univerzita Karlova', 'CERN', 'Red Hat', 'Mozilla', 'Český rozhlas', 'Øresund Labs', 'Łódź Tech', 'Zürich Data AG', 'Universidad de Málaga'];

/** `i` → a distinct value in `[0, n)`: a bijection that scatters neighbours. */
function scatter(i: number, n: number): number {
  let stride = 7_919; // a prime; bumped until coprime with n
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  while (gcd(stride, n) !== 1) stride += 2;
  return Number((BigInt(i) * BigInt(stride) + 12_345n) % BigInt(n));
}

function personName(i: number, count: number): string {
  const pairs = FIRST.length * LAST.length;
  if (count > pairs * INITIALS.length) throw new RangeError(`At most ${pairs * INITIALS.length} synthetic people`);
  const j = scatter(i, count <= pairs ? pairs : pairs * INITIALS.length);
  const first = FIRST[j % FIRST.length]!;
  const last = LAST[Math.floor(j / FIRST.length) % LAST.length]!;
  const initial = Math.floor(j / pairs);
  return count <= pairs ? `${first} ${last}` : `${first} ${INITIALS[initial]}. ${last}`;
}

function talkTitle(i: number): string {
  const n = OPENERS.length * TOPICS.length * CONTEXTS.length;
  const j = scatter(i % n, n);
  const title = `${OPENERS[j % OPENERS.length]} ${TOPICS[Math.floor(j / OPENERS.length) % TOPICS.length]} ${CONTEXTS[Math.floor(j / (OPENERS.length * TOPICS.length))]}`;
  // Beyond the template space a part number keeps titles distinct.
  return i < n ? title : `${title}, part ${Math.floor(i / n) + 1}`;
}

/**
 * A bundle of `speakers` people and `talks` talks, as an importer would hand
 * it over. For the benchmark's 100,000 talks and 50,000 speakers it takes
 * well under a second and some 60 MB of memory.
 */
export function syntheticBundle({ talks, speakers, seed = 1 }: SyntheticOptions): ImportBundle {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  const events: DraftEvent[] = [];
  for (const [series, city, country] of SERIES) {
    for (const year of YEARS) {
      const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
      const day = 1 + Math.floor(random() * 25);
      events.push({
        ref: `ev${events.length}`,
        name: `${series} ${year}`,
        series,
        edition: String(year),
        year,
        startDate: `${year}-${month}-${String(day).padStart(2, '0')}`,
        endDate: `${year}-${month}-${String(day + 2).padStart(2, '0')}`,
        city,
        country,
      });
    }
  }

  const people: DraftSpeaker[] = Array.from({ length: speakers }, (_, i) => {
    const s: DraftSpeaker = { ref: `sp${i}`, name: personName(i, speakers) };
    if (random() < 0.6) s.headline = `${pick(ROLES)} at ${pick(ORGS)}`;
    if (random() < 0.3) s.identifiers = [{ scheme: 'pretalx', value: `pretalx.example:${i.toString(36).toUpperCase().padStart(5, '0')}` }];
    if (random() < 0.2) s.links = [{ kind: 'github', url: `https://github.com/user${i}` }];
    return s;
  });

  const drafts: DraftTalk[] = Array.from({ length: talks }, (_, i) => {
    const event = pick(events);
    const r = random();
    const n = r < 0.85 ? 1 : r < 0.97 ? 2 : 3;
    // The first `speakers` talks go to distinct people, so everyone has a talk.
    const refs = new Set<string>([`sp${i < speakers ? i : Math.floor(random() * speakers)}`]);
    while (refs.size < Math.min(n, speakers)) refs.add(`sp${Math.floor(random() * speakers)}`);
    const day = Number(event.startDate!.slice(8)) + Math.floor(random() * 3);
    const hour = 9 + Math.floor(random() * 9);
    return {
      title: talkTitle(i),
      kind: pick(TALK_KINDS),
      date: `${event.startDate!.slice(0, 8)}${String(day).padStart(2, '0')}`,
      start: `${String(hour).padStart(2, '0')}:00`,
      durationMinutes: pick([5, 25, 30, 45, 90]),
      room: `Room ${1 + Math.floor(random() * 12)}`,
      eventRef: event.ref,
      speakerRefs: [...refs],
      ...(random() < 0.5 ? { abstract: `A talk about ${pick(TOPICS)} ${pick(CONTEXTS)}.` } : {}),
      ...(random() < 0.3 ? { links: [{ kind: 'video' as const, url: `https://video.example/${i}` }] } : {}),
    };
  });

  return {
    source: { kind: 'file', name: `synthetic-${talks}-${speakers}-${seed}.json`, format: 'synthetic' },
    speakers: people,
    talks: drafts,
    events,
    warnings: [],
  };
}
