// Generates the demo district 无锡市梁溪区 (320213) into data/demo/: regions, grids, facilities,
// Party organisations, members and residential buildings. Seeded and deterministic; checks its own
// output and exits non-zero when a check fails.
// Usage: npm run generate-demo                     (everything)
//        npm run generate-demo -- --only=buildings (buildings.geojson and README.md only, from the
//                                                   committed grids and regions)
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuildingChecks } from './demo/building-checks.ts';
import { generateBuildings } from './demo/buildings.ts';
import { runChecks } from './demo/checks.ts';
import { readBuildingGrids, readCommunityNames, readmeFactsFromFiles } from './demo/committed.ts';
import { openGeoDb, type GeoDb } from './demo/db.ts';
import { generateFacilities } from './demo/facilities.ts';
import { describeGrids, readingOrder, type RawGrid } from './demo/grids.ts';
import { assignStreets, gridCounts, placeCommunitySeeds, placeGridSeeds, PROJECTION } from './demo/layout.ts';
import { residentialDensity } from './demo/density.ts';
import { allocateMembers, generateMembers, MEMBER_TOTAL } from './demo/members.ts';
import { byText, type Grid, type Region } from './demo/model.ts';
import { PhoneBook } from './demo/naming.ts';
import { buildOrgs } from './demo/orgs.ts';
import { communityAdjacency, communityCells, differenceFromRepairedDistrict, repairDistrict, tessellateGrids, unionOf } from './demo/partition.ts';
import { Rng } from './demo/prng.ts';
import { readmeText, type BuildingFacts } from './demo/readme.ts';
import { DISTRICT_CODE, DISTRICT_NAME, gcjToWgs, loadDistrictRingGcj, loadDivisions } from './demo/sources.ts';
import { buildingFeatures, facilityFeatures, gridFeatures, regionFeatures, writeFeatureCollection, writeMembers, writePartyOrgs, writeText } from './demo/writers.ts';

const SEED = 'wangge-dangjian/320213/v1';
const OUT_DIR = join(fileURLToPath(new URL('..', import.meta.url)), 'data', 'demo');

const started = Date.now();
function step(message: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
}

/** Buildings from the grids and regions as written (so both modes give the same file). */
function writeBuildings(): BuildingFacts {
  const { buildings, plan } = generateBuildings(readBuildingGrids(OUT_DIR), readCommunityNames(OUT_DIR), new Rng(SEED).fork('buildings'));
  writeFeatureCollection(join(OUT_DIR, 'buildings.geojson'), buildingFeatures(buildings));
  step(`${buildings.length} buildings; over 500 households on purpose: ${plan.big.join(', ')}`);
  const oldBlocks = buildings.filter((b) => b.name.endsWith('幢')).length;
  return {
    count: buildings.length,
    oldBlocks,
    estateBuildings: buildings.length - oldBlocks,
    households: buildings.reduce((t, b) => t + b.households, 0),
    population: buildings.reduce((t, b) => t + b.population, 0),
  };
}

async function checkBuildings(db: GeoDb): Promise<string[]> {
  const report = await runBuildingChecks(db, OUT_DIR);
  step(`building checks:\n${JSON.stringify(report, null, 2)}`);
  return report.failures;
}

function fail(failures: readonly string[]): void {
  if (failures.length === 0) return;
  console.error(`generate-demo: ${failures.length} check(s) failed: ${failures.join('; ')}`);
  process.exitCode = 1;
}

/** `--only=buildings`: the buildings and the README from the committed files. */
async function onlyBuildings(): Promise<void> {
  step('starting PGlite + PostGIS (about 20 s)');
  const db = await openGeoDb();
  try {
    const facts = writeBuildings();
    writeText(join(OUT_DIR, 'README.md'), readmeText(await readmeFactsFromFiles(db, OUT_DIR, SEED, facts)));
    for (const file of ['buildings.geojson', 'README.md']) {
      step(`wrote data/demo/${file} (${(statSync(join(OUT_DIR, file)).size / 1024).toFixed(0)} KiB)`);
    }
    fail(await checkBuildings(db));
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const rng = new Rng(SEED);
  const { streets: streetSources, communities: communitySources } = loadDivisions();
  step('starting PGlite + PostGIS (about 20 s)');
  const db = await openGeoDb();
  try {
    const repair = await repairDistrict(db, loadDistrictRingGcj(), gcjToWgs);
    const pieces = repair.repairedParts.map((p) => `${(p.areaM2 / 1e6).toFixed(3)} km²${p.holes ? ` with ${p.holes} holes` : ''}`);
    step(
      `district: source ${repair.sourcePoints} points, ${(repair.sourceAreaM2 / 1e6).toFixed(2)} km², ` +
        `${repair.sourceValid ? 'valid' : `invalid (${repair.sourceReason})`}; ` +
        `repaired into ${pieces.length} pieces (${pieces.join(', ')})`,
    );

    const seeds = placeCommunitySeeds(repair.geom, communitySources.length, rng.fork('community-seeds'));
    const cells = await communityCells(db, seeds.map((at, id) => ({ id, at })), PROJECTION.lngScale);
    const adjacency = await communityAdjacency(db);
    const streetPlan = assignStreets(cells, adjacency, streetSources, communitySources);
    step(`${cells.length} community cells, streets contiguous after ${streetPlan.iterations} rounds`);

    const communityCodeOf = (cellId: number): string => {
      const code = streetPlan.communityOfCell.get(cellId);
      if (!code) throw new Error(`cell ${cellId} has no community`);
      return code;
    };
    const parkCells = new Set(cells.filter((c) => communityCodeOf(c.id).slice(9) >= '200').map((c) => c.id));
    const counts = gridCounts(cells, rng.fork('grid-counts'), parkCells);
    const gridSeeds = cells.flatMap((c) =>
      placeGridSeeds(c, counts.get(c.id) ?? 4, rng.fork(`grid-seeds/${communityCodeOf(c.id)}`)),
    );
    const tessellation = await tessellateGrids(db, gridSeeds, PROJECTION.lngScale);
    step(`${tessellation.grids.length} grids from ${tessellation.faces} faces`);

    // Regions: communities from the faces, streets and the district as their unions.
    const sourceByCode = new Map(communitySources.map((c) => [c.code, c]));
    const communities: Region[] = tessellation.communities
      .map((unit) => {
        const source = sourceByCode.get(communityCodeOf(Number(unit.id)));
        if (!source) throw new Error(`unknown community for cell ${unit.id}`);
        return {
          code: source.code,
          name: source.name,
          level: 'community' as const,
          parentCode: source.streetCode,
          geom: unit.geom,
          areaM2: unit.areaM2,
          pointOnSurface: unit.pointOnSurface,
        };
      })
      .sort((a, b) => byText(a.code, b.code));
    const streets: Region[] = [];
    for (const s of streetSources) {
      const mine = communities.filter((c) => c.parentCode === s.code);
      const union = await unionOf(db, mine.map((c) => c.geom));
      streets.push({ code: s.code, name: s.name, level: 'street', parentCode: DISTRICT_CODE, ...union });
    }
    const districtUnion = await unionOf(db, streets.map((s) => s.geom));
    const district: Region = { code: DISTRICT_CODE, name: DISTRICT_NAME, level: 'district', parentCode: null, ...districtUnion };
    const outlineDiffM2 = await differenceFromRepairedDistrict(db, district.geom);
    step(`district ${(district.areaM2 / 1e6).toFixed(3)} km²; differs from the repaired outline by ${outlineDiffM2.toFixed(3)} m²`);

    // Grids: codes in reading order within each community.
    const phones = new PhoneBook(rng.fork('phones'));
    const maxDensity = Math.max(...tessellation.grids.map((g) => residentialDensity(g.pointOnSurface)));
    const grids: Grid[] = [];
    for (const community of communities) {
      const cellId = cells.find((c) => communityCodeOf(c.id) === community.code)?.id;
      const raw: RawGrid[] = tessellation.grids.filter((g) => Number(g.id.split(':')[0]) === cellId);
      const context = { community, isPark: parkCells.has(cellId ?? -1), maxDensity };
      grids.push(...describeGrids(readingOrder(community.geom, raw), context, rng.fork(`grids/${community.code}`), phones));
    }
    grids.sort((a, b) => byText(a.code, b.code));

    const membersPerGrid = allocateMembers(grids, MEMBER_TOTAL, rng.fork('member-allocation'));
    const { orgs, memberOrgOfGrid } = buildOrgs(streets, communities, grids, membersPerGrid, rng.fork('orgs'));
    const members = generateMembers(grids, membersPerGrid, memberOrgOfGrid, rng.fork('members'), phones);
    const facilities = generateFacilities(streets, communities, rng.fork('facilities'), phones);
    step(`${grids.length} grids, ${orgs.length} organisations, ${members.length} members, ${facilities.length} facilities`);

    const regions = [district, ...streets, ...communities];
    writeFeatureCollection(join(OUT_DIR, 'regions.geojson'), regionFeatures(regions));
    writeFeatureCollection(join(OUT_DIR, 'grids.geojson'), gridFeatures(grids));
    writeFeatureCollection(join(OUT_DIR, 'facilities.geojson'), facilityFeatures(facilities));
    writePartyOrgs(join(OUT_DIR, 'party-orgs.csv'), orgs);
    writeMembers(join(OUT_DIR, 'members.csv'), members);
    const buildingFacts = writeBuildings();
    writeText(
      join(OUT_DIR, 'README.md'),
      readmeText({
        streets: streets.length,
        communities: communities.length,
        grids: grids.length,
        facilities: facilities.length,
        orgs: orgs.length,
        members: members.length,
        districtAreaKm2: district.areaM2 / 1e6,
        repairedPieces: repair.repairedParts.length,
        repairedHoles: repair.repairedParts.reduce((t, p) => t + p.holes, 0),
        seed: SEED,
        buildings: buildingFacts,
      }),
    );
    for (const file of ['regions.geojson', 'grids.geojson', 'facilities.geojson', 'party-orgs.csv', 'members.csv', 'buildings.geojson', 'README.md']) {
      step(`wrote data/demo/${file} (${(statSync(join(OUT_DIR, file)).size / 1024).toFixed(0)} KiB)`);
    }

    const report = await runChecks(db, OUT_DIR);
    step(`checks on the written files:\n${JSON.stringify(report, null, 2)}`);
    fail([...report.failures, ...(await checkBuildings(db))]);
  } finally {
    await db.close();
  }
}

const only = process.argv.slice(2).find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only === undefined) await main();
else if (only === 'buildings') await onlyBuildings();
else {
  console.error(`generate-demo: unknown step "${only}" (known: buildings)`);
  process.exitCode = 2;
}
