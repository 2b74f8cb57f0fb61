-- Argo CD health check for sailoperator.io/v1 Istio and IstioCNI (Sail operator, the upstream of
-- OpenShift Service Mesh 3). Written by generator-sockshop-mesh from istio-ecosystem/sail-operator
-- at tag 1.30.3:
--   api/v1/istio_types.go, api/v1/istiocni_types.go: the condition types and reasons;
--   controllers/istio/istio_controller.go (determineStatus): an Istio copies Reconciled, Ready and
--     DependenciesHealthy from its active IstioRevision (controllers/istiorevision/...);
--   controllers/istiocni/istiocni_controller.go (determineStatus): an IstioCNI has Reconciled, Ready;
--   pkg/reconciler/reconciler.go: a validation error is recorded and not retried.
-- Every reconcile writes status.observedGeneration and these conditions; status.state is the reason
-- of the first of them that is not True (pkg/reconciler/condition.go), or Healthy.
--
-- Healthy:     the status is about the current generation, Ready is True, and Reconciled and
--              DependenciesHealthy are True where present.
-- Degraded:    Reconciled is False with ReconcileError (the operator could not apply the spec: a
--              validation error, an unknown or end-of-life version, values Helm cannot install) or
--              NameAlreadyExists (an IstioRevisionTag already has the revision's name). Both last
--              until someone changes a spec.
-- Progressing: no status yet, a status about an older generation, and everything else: istiod or
--              the istio-cni-node DaemonSet not ready, the IstioCNI missing or not healthy yet, a
--              readiness check or revision lookup that failed (the operator retries those).
-- Known gap: an Istio copies its revision's conditions without the revision's generation, so just
-- after a spec change it can show the previous Ready until the revision has reconciled.
-- Keeps to Argo CD's default Lua sandbox (no string library) and to Lua 5.1.
local hs = {}

local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  local text = c.type .. " is " .. (c.status or "Unknown")
  if c.reason ~= nil and c.reason ~= "" then
    text = c.reason
  end
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Sail operator to report the " .. obj.kind .. " status"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if observed ~= nil then
  observed = tonumber(observed)
end
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Sail operator to reconcile the latest spec"
  return hs
end

local conditions = {}
for _, c in ipairs(obj.status.conditions) do
  if c.type ~= nil then
    conditions[c.type] = c
  end
end

local failures = { ReconcileError = true, NameAlreadyExists = true }
local reconciled = conditions["Reconciled"]
if reconciled ~= nil and reconciled.status == "False" and reconciled.reason ~= nil and failures[reconciled.reason] then
  hs.status = "Degraded"
  hs.message = describe(reconciled)
  return hs
end

-- In the order the operator derives status.state from them.
for _, kind in ipairs({ "Reconciled", "Ready", "DependenciesHealthy" }) do
  local c = conditions[kind]
  if (c == nil and kind == "Ready") or (c ~= nil and c.status ~= "True") then
    hs.status = "Progressing"
    hs.message = describe(c, "Waiting for the " .. obj.kind .. " to report Ready")
    return hs
  end
end

-- Only fields both kinds have: an IstioCNI has no activeRevisionName or revisions.
hs.status = "Healthy"
hs.message = obj.kind .. " is ready"
return hs
