-- Argo CD health check for maistra.io/ServiceMeshControlPlane (OpenShift Service Mesh 2.x).
-- Written by generator-sockshop-mesh. The operator reports the conditions Installed, Reconciled and
-- Ready; Ready turns True once every component (istiod, gateways, add-ons) is ready.
local hs = {}

local function condition(kind)
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to report the control plane status"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to reconcile the latest spec"
  return hs
end

-- Reasons that need a person: a spec the operator rejects, a missing dependency, a failed install.
local failures = {
  InstallError = true,
  ReconcileError = true,
  ValidationError = true,
  DependencyMissingError = true,
  DeletionError = true,
}
for _, kind in ipairs({ "Installed", "Reconciled" }) do
  local c = condition(kind)
  if c ~= nil and c.status == "False" and failures[c.reason] then
    hs.status = "Degraded"
    hs.message = c.reason .. ": " .. describe(c, kind .. " is False")
    return hs
  end
end

local ready = condition("Ready")
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "All control plane components are ready")
  return hs
end

-- ComponentsNotReady, ProbeError, PausingInstall, PausingUpdate or no Ready condition yet.
local count = ""
if obj.status.annotations ~= nil and obj.status.annotations.readyComponentCount ~= nil then
  count = " (" .. obj.status.annotations.readyComponentCount .. " components ready)"
end
hs.status = "Progressing"
hs.message = describe(ready, "Waiting for the control plane components") .. count
return hs
