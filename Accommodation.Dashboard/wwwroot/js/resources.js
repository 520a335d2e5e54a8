// Resources: every resource and replica, live from GET /api/resources?watch=true, with the AppHost's commands.
import { el, api, follow, every, notice, duration } from './dom.js';

// The AppHost says "Healthy" for a running resource whose checks pass; the dashboard shows Aspire's two columns.
const stateOf = resource => resource.state === 'Healthy' ? 'Running' : resource.state;
const healthOf = resource => resource.state === 'Healthy' ? 'Healthy' : resource.state === 'Unhealthy' ? 'Unhealthy' : '';

export function show(main) {
  const body = el('tbody');
  const table = el('table', { class: 'resources', 'aria-label': 'Resources' },
    el('thead', {}, el('tr', {}, ['Name', 'Kind', 'State', 'Health', 'Endpoints', 'Replicas', 'Restarts', 'Uptime', 'Waits for', 'Actions']
      .map(heading => el('th', {}, heading)))),
    body);
  main.append(el('h1', {}, 'Resources'), table);

  const expanded = new Set();
  const busy = new Set();
  let latest = [];
  const render = () => body.replaceChildren(...latest.flatMap(resource => rows(resource, expanded, busy, render)));

  const stopFollowing = follow('/api/resources?watch=true', 'resources', resources => {
    latest = resources;
    render();
  });
  // Uptimes move on between changes.
  const stopTicking = every(1000, () => {
    for (const cell of main.querySelectorAll('[data-started]')) {
      cell.textContent = sinceStarted(cell.dataset.started);
    }
  });
  return () => { stopFollowing(); stopTicking(); };
}

function rows(resource, expanded, busy, render) {
  const ready = resource.replicas.filter(replica => replica.state === 'Ready').length;
  const isService = resource.desiredReplicas !== null && resource.desiredReplicas !== undefined;
  const toggle = isService && resource.replicas.length > 0
    ? el('button', {
      class: 'link', 'aria-expanded': String(expanded.has(resource.name)), title: 'Show replicas',
      onclick: () => { expanded.has(resource.name) ? expanded.delete(resource.name) : expanded.add(resource.name); render(); },
    }, expanded.has(resource.name) ? '▾' : '▸')
    : el('span', { class: 'spacer' });
  const row = el('tr', { 'data-resource': resource.name },
    el('td', { class: 'name' }, toggle, ' ', resource.name, ' ',
      el('a', { class: 'logs-link', href: `#/console?resource=${encodeURIComponent(resource.name)}`, title: `Console logs of ${resource.name}` }, 'logs')),
    el('td', {}, resource.kind),
    el('td', {}, badge(stateOf(resource), resource.stateDetail)),
    el('td', {}, healthOf(resource) && badge(healthOf(resource))),
    el('td', { class: 'endpoints' }, endpoints(resource)),
    el('td', { class: 'number' }, isService ? `${ready}/${resource.desiredReplicas}` : ''),
    el('td', { class: 'number' }, resource.restarts ?? ''),
    uptimeCell(resource),
    el('td', {}, resource.waitsFor.join(', ')),
    el('td', { class: 'actions' }, actions(resource, isService, busy, render)));
  const replicaRows = expanded.has(resource.name) ? resource.replicas.map(replica => el('tr', { class: 'replica', 'data-replica': replica.name },
    el('td', { class: 'name' }, replica.name),
    el('td', {}, 'Replica'),
    el('td', {}, badge(replica.state)),
    el('td', {}, badge(replica.healthy ? 'Healthy' : 'Unhealthy')),
    el('td', { class: 'endpoints' }, link(replica.url), Object.entries(replica.endpoints ?? {}).map(([name, url]) => [' ', link(url, name)])),
    el('td', { class: 'number', title: 'requests sent by the balancer / in flight now' }, `${replica.requests} req · ${replica.inFlight} now`),
    el('td', {}, replica.processId ? `pid ${replica.processId}` : ''),
    replica.startedAt && replica.state !== 'Stopped' ? uptime(replica.startedAt) : el('td'),
    el('td'),
    el('td'))) : [];
  return [row, ...replicaRows];
}

function uptimeCell(resource) {
  const up = ['Running', 'Healthy', 'Unhealthy'].includes(resource.state) && resource.startedAt;
  return up ? uptime(resource.startedAt) : el('td');
}

function uptime(startedAt) {
  return el('td', { 'data-started': startedAt }, sinceStarted(startedAt));
}

export function sinceStarted(startedAt) {
  return duration(Math.floor((Date.now() - Date.parse(startedAt)) / 1000) * 1000);
}

// Infrastructure shows where it listens; its connection string, password hidden, is in the tooltip.
function endpoints(resource) {
  if (resource.url) return link(resource.url);
  if (!resource.connectionString) return '';
  const settings = Object.fromEntries(resource.connectionString.split(';')
    .map(part => part.split('=')).filter(pair => pair.length === 2).map(([key, value]) => [key.trim().toLowerCase(), value]));
  const address = settings.host
    ? `${settings.host}:${settings.port ?? 5432}${settings.database ? '/' + settings.database : ''}`
    : resource.connectionString.split(',')[0];
  const hidden = resource.connectionString.replace(/(password=)[^;,]*/gi, '$1••••••');
  return el('code', { title: `ConnectionStrings:${resource.name} = ${hidden}` }, address);
}

function link(url, text) {
  return el('a', { href: url, target: '_blank', rel: 'noopener' }, text ?? url);
}

export function badge(text, title) {
  return el('span', { class: `badge ${String(text).toLowerCase()}`, title }, text);
}

function actions(resource, isService, busy, render) {
  const infrastructure = ['Kafka', 'PostgresServer', 'Redis'].includes(resource.kind);
  if (!isService && !infrastructure) return '';
  const stopped = ['Exited', 'FailedToStart', 'NotStarted'].includes(resource.state);
  const command = (name, label, path, confirmText) => el('button', {
    'data-command': name,
    disabled: busy.has(resource.name),
    onclick: () => run(resource.name, label, path ?? `/api/resources/${encodeURIComponent(resource.name)}/${name}`, busy, render, confirmText),
  }, label);
  const buttons = [
    stopped ? command('start', 'Start') : command('stop', 'Stop', null, `Stop ${resource.name}?`),
    command('restart', 'Restart'),
  ];
  if (isService) {
    buttons.push(command('redeploy', 'Redeploy', null, `Replace every replica of ${resource.name}, one at a time?`));
    const count = el('input', { type: 'number', min: 1, max: 10, value: resource.desiredReplicas, 'aria-label': `Replicas of ${resource.name}`, class: 'replicas' });
    buttons.push(el('span', { class: 'scale' }, count, el('button', {
      'data-command': 'scale',
      disabled: busy.has(resource.name),
      onclick: () => run(resource.name, 'Scale', `/api/resources/${encodeURIComponent(resource.name)}/scale?replicas=${encodeURIComponent(count.value)}`, busy, render),
    }, 'Scale')));
  }
  return buttons;
}

// Commands answer once done (a redeploy drains replicas first), so the buttons wait with them.
async function run(name, label, path, busy, render, confirmText) {
  if (confirmText && !confirm(confirmText)) return;
  busy.add(name);
  render();
  notice(`${label} ${name}…`);
  try {
    const resource = await api(path, { method: 'POST' });
    notice(`${label} ${name}: done, ${stateOf(resource)}.`);
  } catch (error) {
    notice(`${label} ${name} failed: ${error.message}`, 'error');
  } finally {
    busy.delete(name);
    render();
  }
}
