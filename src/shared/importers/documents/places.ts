/**
 * Places as CVs write them: "Dublin, Rep. of Ireland", "Catania, Italy",
 * "San Francisco, CA". Only city and country are kept; street addresses,
 * postcodes and provinces are read past and dropped.
 */
import type { Place } from '../../types';
import { squash, trimSeparators } from './text-utils';

/** Country names and common aliases → the English short name Podium stores. */
const COUNTRY_ALIASES: Record<string, string> = {};
const COUNTRIES =
  'Argentina|Australia|Austria|Belgium|Brazil|Bulgaria|Canada|Chile|China|Colombia|Croatia|Cyprus|Czechia|Denmark|Egypt|Estonia|Finland|France|Germany|Greece|Hungary|Iceland|India|Indonesia|Ireland|Israel|Italy|Japan|Kenya|Latvia|Lithuania|Luxembourg|Malaysia|Malta|Mexico|Morocco|Netherlands|New Zealand|Nigeria|Norway|Pakistan|Peru|Philippines|Poland|Portugal|Romania|Russia|Serbia|Singapore|Slovakia|Slovenia|South Africa|South Korea|Spain|Sweden|Switzerland|Taiwan|Thailand|Turkey|Ukraine|United Kingdom|United States|Uruguay|Vietnam'.split(
    '|',
  );
for (const c of COUNTRIES) COUNTRY_ALIASES[c.toLowerCase()] = c;
Object.assign(COUNTRY_ALIASES, {
  'rep. of ireland': 'Ireland', 'republic of ireland': 'Ireland', eire: 'Ireland', éire: 'Ireland',
  italia: 'Italy', españa: 'Spain', deutschland: 'Germany', 'the netherlands': 'Netherlands', holland: 'Netherlands',
  'czech republic': 'Czechia', schweiz: 'Switzerland', suisse: 'Switzerland', österreich: 'Austria', slovenija: 'Slovenia',
  polska: 'Poland', uk: 'United Kingdom', 'u.k.': 'United Kingdom', 'great britain': 'United Kingdom',
  england: 'United Kingdom', scotland: 'United Kingdom', wales: 'United Kingdom', 'northern ireland': 'United Kingdom',
  usa: 'United States', 'u.s.a.': 'United States', us: 'United States', 'u.s.': 'United States',
  'united states of america': 'United States', korea: 'South Korea', türkiye: 'Turkey', brasil: 'Brazil',
});

/** ISO 3166 alpha-2 codes of the countries above, as structured data writes them ("CZ"). */
const ISO2: Record<string, string> = Object.fromEntries(
  'AR Argentina|AU Australia|AT Austria|BE Belgium|BR Brazil|BG Bulgaria|CA Canada|CL Chile|CN China|CO Colombia|HR Croatia|CY Cyprus|CZ Czechia|DK Denmark|EG Egypt|EE Estonia|FI Finland|FR France|DE Germany|GR Greece|HU Hungary|IS Iceland|IN India|ID Indonesia|IE Ireland|IL Israel|IT Italy|JP Japan|KE Kenya|LV Latvia|LT Lithuania|LU Luxembourg|MY Malaysia|MT Malta|MX Mexico|MA Morocco|NL Netherlands|NZ New Zealand|NG Nigeria|NO Norway|PK Pakistan|PE Peru|PH Philippines|PL Poland|PT Portugal|RO Romania|RU Russia|RS Serbia|SG Singapore|SK Slovakia|SI Slovenia|ZA South Africa|KR South Korea|ES Spain|SE Sweden|CH Switzerland|TW Taiwan|TH Thailand|TR Turkey|UA Ukraine|GB United Kingdom|US United States|UY Uruguay|VN Vietnam'
    .split('|')
    .map((pair) => [pair.slice(0, 2), pair.slice(3)]),
);

/** A country from an ISO alpha-2 code or a name ("CZ" → "Czechia"). */
export function countryFromCode(text: string): string | undefined {
  const t = text.trim();
  return /^[A-Z]{2}$/.test(t) ? ISO2[t] : canonicalCountry(t);
}

/** Two-letter US state codes: "Austin, TX" is in the United States. */
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(
    ' ',
  ),
);

/** The canonical country for a name or alias, or undefined. */
export function canonicalCountry(text: string): string | undefined {
  const key = squash(text).toLowerCase().replace(/\.$/, '');
  return COUNTRY_ALIASES[key] ?? COUNTRY_ALIASES[key.replace(/\.$/, '')];
}

const CITY_WORD = /^\p{Lu}[\p{Ll}'’.-]*$/u;
const PARTICLE = /^(?:de|del|la|le|am|an|upon|on|sur|im|di|da|do|dos|das)$/;

/** Words that start multi-word city names, so "Acme New York, USA" splits as "Acme" + "New York". */
const CITY_PREFIXES = new Set(
  'new san santa santo são sao los las saint st. sankt rio buenos hong tel kuala mexico den the cape port palo salt el la le ho abu addis ciudad mountain long fort'.split(' '),
);

/**
 * Reads "City, Country" (or "City, ST" for US states). The whole string must
 * be the place.
 */
export function parsePlace(text: string): Place | undefined {
  const parts = squash(text).split(',').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) return undefined;
  const countryText = parts[parts.length - 1]!;
  const country = canonicalCountry(countryText) ?? (US_STATES.has(countryText) ? 'United States' : undefined);
  const city = parts[0]!;
  if (!country || !isCityName(city)) return undefined;
  return { city, country };
}

/**
 * A city name: one capitalised word, or several when the first is a usual
 * city prefix ("San Francisco") or a particle joins them ("Frankfurt am
 * Main"). Stricter than "any capitalised words" so that "Infozoo Project
 * Catania, Italy" reads as an organisation followed by a city.
 */
function isCityName(city: string): boolean {
  const words = city.split(' ');
  if (words.length > 4 || !words.every((w) => CITY_WORD.test(w) || PARTICLE.test(w))) return false;
  if (words.length === 1) return true;
  if (words.length === 3 && PARTICLE.test(words[1]!)) return true; // "Rio de Janeiro", "Frankfurt am Main"
  return words.length <= 3 && CITY_PREFIXES.has(words[0]!.toLowerCase()) && !words.slice(1).some((w) => PARTICLE.test(w));
}

/**
 * Splits a trailing place off a line: "MOVIA SpA Catania, Italy" →
 * { rest: "MOVIA SpA", place: { city: "Catania", country: "Italy" } }.
 */
export function splitTrailingPlace(text: string): { rest: string; place: Place } | undefined {
  const line = squash(text);
  const comma = line.lastIndexOf(',');
  if (comma < 1) return undefined;
  const country = canonicalCountry(line.slice(comma + 1)) ?? (US_STATES.has(line.slice(comma + 1).trim()) ? 'United States' : undefined);
  if (!country) return undefined;
  const words = line.slice(0, comma).trim().split(' ');
  let take = 1;
  const prefix = words[words.length - 2];
  if (prefix && CITY_PREFIXES.has(prefix.toLowerCase())) take = 2;
  const city = words.slice(-take).join(' ');
  if (!isCityName(city)) return undefined;
  return { rest: trimSeparators(words.slice(0, -take).join(' ')), place: { city, country } };
}

/**
 * City and country from a postal address ("Via Roma 1 00152 Roma (RM) Italy"):
 * the word(s) after the postcode, then the country. The street is dropped.
 */
export function placeFromAddress(text: string): Place | undefined {
  const m = /\b\d{4,5}\s{1,3}([\p{Lu}][\p{L}'’-]{1,40}(?:\s[\p{Lu}][\p{L}'’-]{1,40}){0,2})(?:\s{0,3}\([A-Z]{2}\))?,?\s{1,3}([\p{L}. ]{2,40})/u.exec(
    text,
  );
  if (!m) return undefined;
  // The country is the longest prefix of the tail that is a known country.
  const tail = m[2]!.split(' ');
  for (let n = Math.min(tail.length, 4); n > 0; n--) {
    const country = canonicalCountry(tail.slice(0, n).join(' '));
    if (country) return { city: m[1]!, country };
  }
  return undefined;
}

/** True for place words that are not places: "remote", "online", "virtual". */
export function isNonPlace(text: string): boolean {
  return /^(?:remote|online|virtual|worldwide|anywhere|hybrid|various)$/i.test(text.trim());
}
