-- Argo CD health check for argoproj.io/v1alpha1 Application, for app of apps: a parent Application
-- that creates a child Application (one that installs a Helm chart, say) then waits, in its sync
-- wave, until the child is healthy. Argo CD removed its built-in Application health check in 1.8
-- (argoproj/argo-cd issue 3781); its docs restore it with a script that passes
-- status.health.status through (docs/operator-manual/health.md, "Argocd App", at v3.5.1).
-- Written by generator-sockshop-mesh from that documented behaviour, with three additions:
--   - Progressing while the child has no health yet (just created, not yet assessed);
--   - Progressing while the child's own sync runs: the resources of its later sync waves do not
--     exist yet, and a resource that does not exist does not count against an Application's
--     health (controller/health.go, v3.5.1), so its Healthy would come too early;
--   - Missing (nothing created yet) and Unknown (not assessable yet) as Progressing: Argo CD
--     leaves a child's Missing and Unknown out of its parent's health (controller/health.go), so
--     the parent would otherwise look Healthy while it waits.
-- Healthy, Degraded, Progressing and Suspended are the child's own. In a sync wave only Healthy
-- lets the wave go on, Degraded fails the sync, and anything else waits
-- (gitops-engine/pkg/sync/sync_context.go, v3.5.1). status.health.message is deprecated and
-- empty, so messages come from the child's error conditions and its last sync operation.
-- Keeps to Argo CD's default Lua sandbox (no string library) and to Lua 5.1.
local hs = {}

if obj.status == nil or obj.status.health == nil or obj.status.health.status == nil or obj.status.health.status == "" then
  hs.status = "Progressing"
  hs.message = "Waiting for Argo CD to assess the health of this Application"
  return hs
end

-- The first error condition, else the last sync operation's message.
local function detail()
  local errors = { InvalidSpecError = true, ComparisonError = true, SyncError = true, DeletionError = true, UnknownError = true }
  if obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if errors[c.type] and c.message ~= nil and c.message ~= "" then
        return c.type .. ": " .. c.message
      end
    end
  end
  local operation = obj.status.operationState
  if operation ~= nil and operation.message ~= nil and operation.message ~= "" then
    return "last sync " .. (operation.phase or "") .. ": " .. operation.message
  end
  return nil
end

local function explain(text)
  local more = detail()
  if more == nil then
    return text
  end
  return text .. " (" .. more .. ")"
end

local operation = obj.status.operationState
if operation ~= nil and (operation.phase == "Running" or operation.phase == "Terminating") then
  hs.status = "Progressing"
  hs.message = "Its sync is " .. operation.phase
  if operation.message ~= nil and operation.message ~= "" then
    hs.message = hs.message .. ": " .. operation.message
  end
  return hs
end

local health = obj.status.health.status
local sync = "sync status unknown"
if obj.status.sync ~= nil and obj.status.sync.status ~= nil and obj.status.sync.status ~= "" then
  sync = obj.status.sync.status
end

if health == "Healthy" then
  hs.status = "Healthy"
  hs.message = "Healthy, " .. sync
elseif health == "Degraded" or health == "Progressing" or health == "Suspended" then
  hs.status = health
  hs.message = explain(health .. ", " .. sync)
elseif health == "Missing" then
  hs.status = "Progressing"
  hs.message = explain("Its resources do not exist yet (Missing, " .. sync .. ")")
else
  hs.status = "Progressing"
  hs.message = explain("Argo CD cannot assess its health yet (" .. health .. ", " .. sync .. ")")
end
return hs
