/**
 * Runs an Argo CD health script in a real Lua VM (fengari, Lua 5.3) inside the same sandbox Argo CD
 * gives it by default: only the base, package and table libraries and an `os` with `time` and `date`
 * (argoproj/argo-cd v3.5.1 util/lua/lua.go, runLuaWithResourceActionParameters; the string library
 * is not there, so `("x"):find()` fails here as it would in Argo CD). Argo CD's gopher-lua is Lua
 * 5.1: the scripts keep to what both have.
 */
import fengari from 'fengari';

const { lua, lauxlib, lualib, to_luastring } = fengari as any;

/** What a health script may return (argoproj/argo-cd util/lua/lua.go, isValidHealthStatusCode). */
export const HEALTH_STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'] as const;

/** A Lua table constructor for a JSON-like value (ASCII strings only, which is all the samples use). */
function toLua(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`non-ASCII sample string ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `{ ${value.map(toLua).join(', ')} }`;
  return `{ ${Object.entries(value as object).map(([key, item]) => `[${JSON.stringify(key)}] = ${toLua(item)}`).join(', ')} }`;
}

function openSandbox(): unknown {
  const L = lauxlib.luaL_newstate();
  for (const [name, open] of [
    ['_G', lualib.luaopen_base],
    [lualib.LUA_LOADLIBNAME, lualib.luaopen_package],
    [lualib.LUA_TABLIBNAME, lualib.luaopen_table],
    [lualib.LUA_OSLIBNAME, lualib.luaopen_os],
  ]) {
    lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
    lua.lua_pop(L, 1);
  }
  // Argo CD's safe os: time and date only.
  if (lauxlib.luaL_dostring(L, to_luastring('os = { time = os.time, date = os.date }; package.loaded.os = os')) !== lua.LUA_OK) {
    throw new Error(`sandbox: ${lua.lua_tojsstring(L, -1)}`);
  }
  return L;
}

/** Runs a health script the way Argo CD does: `obj` is a global, the chunk returns `hs`. */
export function runHealthScript(script: string, object: unknown): { status: string; message: string } {
  const L = openSandbox() as any;
  const setup = lauxlib.luaL_dostring(L, to_luastring(`obj = ${toLua(object)}`));
  if (setup !== lua.LUA_OK) throw new Error(`sample: ${lua.lua_tojsstring(L, -1)}`);
  if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK) throw new Error(`does not parse: ${lua.lua_tojsstring(L, -1)}`);
  if (lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) throw new Error(`fails: ${lua.lua_tojsstring(L, -1)}`);
  const field = (name: string) => {
    lua.lua_getfield(L, -1, to_luastring(name));
    const text = lua.lua_isstring(L, -1) ? lua.lua_tojsstring(L, -1) : undefined;
    lua.lua_pop(L, 1);
    return text;
  };
  const result = { status: field('status'), message: field('message') };
  if (!(HEALTH_STATUSES as readonly (string | undefined)[]).includes(result.status)) throw new Error(`returns the invalid health status ${result.status}`);
  return result;
}
