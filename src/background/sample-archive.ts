/**
 * The sample archive offered on first run: the three people of the project's
 * seed documents with facts (names, roles, talk titles, dates, venues) only.
 * (Foundation version, written by hand; the importers issue regenerates it
 * from the seeds and a test checks it against them.)
 */
import type { ImportBundle } from '../shared/types';

export const SAMPLE_BUNDLES: ImportBundle[] = [
  {
    source: { kind: 'sample', name: 'Podium sample archive', format: 'podium-sample' },
    warnings: [],
    events: [
      { ref: 'ep2016', name: 'EuroPython 2016', series: 'EuroPython', year: 2016, city: 'Bilbao', country: 'Spain' },
      { ref: 'srecon15', name: 'SREcon15 Europe', series: 'SREcon EMEA', year: 2015, city: 'Dublin', country: 'Ireland' },
      { ref: 'pyconie14', name: 'PyCon Ireland 2014', series: 'PyCon Ireland', year: 2014, city: 'Dublin', country: 'Ireland' },
      { ref: 'kubecon18', name: 'KubeCon + CloudNativeCon Europe 2018', series: 'KubeCon Europe', year: 2018 },
      { ref: 'idi19', name: 'IDI 2019', series: 'IDI', year: 2019 },
      { ref: 'envoycon20', name: 'EnvoyCon 2020', series: 'EnvoyCon', year: 2020 },
      { ref: 'idi20', name: 'IDI 2020', series: 'IDI', year: 2020 },
      { ref: 'fri18', name: 'From theory to practice: Facebook infrastructure', year: 2018 },
    ],
    speakers: [
      {
        ref: 'failla',
        name: 'Angelo Failla',
        headline: 'Staff Production Engineer at Meta (Facebook)',
        location: { city: 'Dublin', country: 'Ireland' },
        positions: [{ organisation: 'Meta (Facebook)', title: 'Staff Production Engineer', start: '2011-03', current: true }],
      },
      {
        ref: 'lavagetto',
        name: 'Giuseppe Lavagetto',
        headline: 'Principal SRE at Wikimedia Foundation',
        positions: [{ organisation: 'Wikimedia Foundation', title: 'Principal SRE', start: '2014-04', current: true }],
      },
      {
        ref: 'papez',
        name: 'Rok Papež',
        headline: 'Production Engineer at Facebook',
        location: { city: 'Dublin', country: 'Ireland' },
        positions: [{ organisation: 'Facebook', title: 'Production Engineer', start: '2017-05', current: true }],
      },
    ],
    talks: [
      { title: 'FBTFTP: Facebook’s open source python3 framework for dynamic TFTP servers', date: '2016', eventRef: 'ep2016', speakerRefs: ['failla'] },
      { title: 'DHCP Infrastructure Evolution at Facebook', date: '2015', eventRef: 'srecon15', speakerRefs: ['failla'] },
      { title: 'Python @ Facebook', date: '2014', eventRef: 'pyconie14', speakerRefs: ['failla'] },
      { title: 'Building a Kubernetes on Bare-Metal Cluster', date: '2018', eventRef: 'kubecon18', speakerRefs: ['lavagetto'] },
      { title: 'Microservices: when, why and how? Lessons learned at Wikimedia', kind: 'keynote', date: '2019', eventRef: 'idi19', speakerRefs: ['lavagetto'] },
      { title: 'Improving performance of RPC with Envoy at Wikimedia', date: '2020', eventRef: 'envoycon20', speakerRefs: ['lavagetto'] },
      { title: 'Testing in production for fun and profit', date: '2020', eventRef: 'idi20', speakerRefs: ['lavagetto'] },
      {
        title: 'Facebook infrastructure: Under the Hood',
        date: '2018-12-20',
        start: '18:00',
        end: '19:00',
        room: 'Classroom P22',
        eventRef: 'fri18',
        speakerRefs: ['papez'],
      },
    ],
  },
];
