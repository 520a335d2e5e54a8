// Small helpers every page uses. Text always goes in as text nodes: what services write is never parsed as HTML.

/** el('td', { class: 'x', onclick: f }, 'text', child) */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(child => child !== undefined && child !== null).map(child =>
    child instanceof Node ? child : document.createTextNode(String(child))));
  return element;
}

/** GET or POST JSON; a problem-details answer throws an Error carrying its title and detail. */
export async function api(path, options = {}) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  if (response.status === 401) {
    location.href = `/login?returnUrl=${encodeURIComponent('/' + location.hash)}`;
    throw new Error('Log in first.');
  }
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new Error(body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`);
  }
  return body;
}

/** Follows a server-sent event stream; returns what closes it. The browser reconnects by itself after a drop. */
export function follow(path, eventType, onData) {
  const source = new EventSource(path);
  source.addEventListener(eventType, event => onData(JSON.parse(event.data)));
  source.onerror = () => notice(source.readyState === EventSource.CLOSED ? 'Disconnected from the AppHost.' : 'Reconnecting to the AppHost…', 'warning');
  source.onopen = () => notice('');
  return () => source.close();
}

/** Repeats fn every interval (and once now) until the returned function is called. */
export function every(milliseconds, fn) {
  fn();
  const timer = setInterval(fn, milliseconds);
  return () => clearInterval(timer);
}

export function notice(text, kind = 'info') {
  const element = document.getElementById('notice');
  element.textContent = text;
  element.className = text ? kind : '';
}

export function duration(milliseconds) {
  if (milliseconds === null || milliseconds === undefined) return '';
  if (milliseconds < 1) return `${(milliseconds * 1000).toFixed(0)} µs`;
  if (milliseconds < 1000) return `${milliseconds.toFixed(milliseconds < 10 ? 2 : 0)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return Number.isInteger(seconds) ? `${seconds} s` : `${seconds.toFixed(2)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${Math.floor(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }) : '';
}

/** A select of the given options with "all" first; onChange gets the chosen value ('' for all). */
export function choice(label, options, selected, onChange, allText = 'All') {
  const select = el('select', { 'aria-label': label, onchange: () => onChange(select.value) },
    el('option', { value: '' }, allText),
    options.map(option => el('option', { value: option, selected: option === selected }, option)));
  return el('label', {}, `${label} `, select);
}

/** Re-reads the hash route with new query values, keeping the others. */
export function setQuery(page, values) {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  for (const [key, value] of Object.entries(values)) {
    if (value === '' || value === null || value === undefined) query.delete(key);
    else query.set(key, value);
  }
  const text = query.toString();
  history.replaceState(null, '', `#/${page}${text ? '?' + text : ''}`);
}

export function debounce(milliseconds, fn) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), milliseconds);
  };
}
