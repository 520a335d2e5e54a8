// Console: what each process wrote, one resource or all, live from GET /api/console/stream, searched on the AppHost.
import { el, api, follow, choice, setQuery, debounce, time } from './dom.js';

// The page keeps as many lines as the AppHost sends at most; older ones leave the top.
const MaxLines = 5000;

export function show(main, _path, query) {
  let resource = query.get('resource') ?? '';
  let text = query.get('text') ?? '';
  let stopFollowing = () => {};

  const lines = el('ol', { class: 'console', 'aria-label': 'Console lines', 'aria-live': 'off' });
  const followBox = el('input', { type: 'checkbox', checked: true });
  const resources = el('span');
  const search = el('input', {
    type: 'search', placeholder: 'Search the lines', value: text, 'aria-label': 'Search',
    oninput: debounce(300, () => { text = search.value; restart(); }),
  });
  main.append(
    el('h1', {}, 'Console logs'),
    el('div', { class: 'filters' }, resources, search, el('label', {}, followBox, ' Follow')),
    lines);

  api('/api/resources').then(list => resources.replaceChildren(
    choice('Resource', ['apphost', ...list.map(item => item.name)], resource, value => { resource = value; restart(); }, 'All resources')));

  function restart() {
    stopFollowing();
    setQuery('console', { resource, text });
    lines.replaceChildren();
    const parameters = new URLSearchParams({ limit: 1000 });
    if (resource) parameters.set('resource', resource);
    if (text) parameters.set('text', text);
    stopFollowing = follow(`/api/console/stream?${parameters}`, 'lines', batch => {
      lines.append(...batch.map(line => el('li', { 'data-source': line.source },
        el('time', {}, time(line.time)),
        el('span', { class: 'source' }, line.source),
        el('span', { class: 'text' }, line.text))));
      while (lines.childElementCount > MaxLines) lines.firstElementChild.remove();
      if (followBox.checked) lines.scrollTop = lines.scrollHeight;
    });
  }

  restart();
  return () => stopFollowing();
}
