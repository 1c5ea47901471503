import type { Dictionary } from './zh-CN';

// English UI. Typed as Dictionary so a missing or extra key is a compile error.
export const en: Dictionary = {
  'app.title': 'Grid Party-Building Map',
  'app.district': 'Liangxi District, Wuxi',
  'app.skipToContent': 'Skip to main content',

  'nav.label': 'Workspaces',
  'nav.public': 'Find a station',
  'nav.coverage': 'Coverage',
  'nav.planner': 'Grid planning',

  'lang.label': 'Interface language',
  'lang.switchTo': '中文',
  'lang.switchToLabel': '切换到中文',

  'status.loading': 'Loading map data…',
  'status.loadingGrids': 'Loading grids…',
  'status.errorTitle': 'Could not load the data',
  'status.errorHint': 'Check the connection or try again later.',
  'status.errorCode': 'Error code: {code}',
  'status.retry': 'Retry',
  'status.gridsError': 'Could not load grids: {message}',

  'map.label': 'Grid Party-building map of {district}',
  'map.zoomForGrids': 'Zoom in to see grids',

  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.fitDistrict': 'Show the whole district',
  'map.canvasLabel': 'Interactive map: arrow keys pan, plus and minus keys zoom',

  'legend.title': 'Legend',
  'legend.boundaries': 'Boundaries',
  'legend.district': 'District',
  'legend.street': 'Street',
  'legend.community': 'Community',
  'legend.grid': 'Grid',
  'legend.selection': 'Selected',
  'legend.facilities': 'Service sites',

  'kind.center': 'Party–public service centre',
  'kind.station': 'Party–public service station',
  'kind.party_home': "Party members' home",
  'kind.rep_studio': 'Party representative studio',
  'kind.volunteer_point': 'Volunteer service point',

  'list.title': 'Service sites in view ({count})',
  'list.show': 'Show list',
  'list.hide': 'Hide list',
  'list.empty': 'No service sites in view. Pan or zoom out.',
  'list.more': '{count} more not listed; zoom in.',
  'list.locate': 'Show on map: {name}',

  'details.close': 'Close details',
  'details.grid': 'Grid',
  'details.facility': 'Service site',
  'details.code': 'Grid code',
  'details.community': 'Community code',
  'details.households': 'Households',
  'details.population': 'Residents',
  'details.leader': 'Grid leader',
  'details.leaderPhone': 'Leader phone',
  'details.kind': 'Kind',
  'details.address': 'Address',
  'details.phone': 'Phone',
  'details.openingHours': 'Opening hours',
  'details.services': 'Services',
  'details.none': '—',

  'public.title': 'Find a station',
  'public.intro': 'Find the nearest Party–public service centre, station or Party members’ home.',
  'public.howTo': 'How to use',
  'public.step1': 'Pan or zoom the map to where you are.',
  'public.step2': 'Select a red dot to see the station’s address, phone and opening hours.',
  'public.step3': 'Zoom in to see grids; select a grid to see its grid leader and contact.',
  'public.step4': 'The list below shows every service site in view and works with the keyboard.',

  'coverage.title': 'Coverage',
  'coverage.empty':
    'Here you will see Party-member coverage per grid: a choropleth, a heatmap, KPIs, station service areas and gaps, and suggested sites for new stations.',
  'coverage.signIn': 'This workspace is for street and community Party secretaries; sign-in comes next.',

  'planner.title': 'Grid planning',
  'planner.empty':
    'Here you will draw, reshape, split and merge grids with live overlap and gap checks, impact previews, history and restore.',
  'planner.signIn': 'This workspace is for planners; sign-in comes next.',
};
