-- Argo CD health check for maistra.io/ServiceMeshMemberRoll (OpenShift Service Mesh 2.x).
-- Written by generator-sockshop-mesh. Healthy when the Ready condition is True and every namespace
-- in spec.members is listed in status.configuredMembers.
local hs = {}

if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to configure the member namespaces"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to reconcile the latest member list"
  return hs
end

local ready = nil
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Ready" then
    ready = c
  end
end

local message = "Waiting for the member namespaces to be configured"
if ready ~= nil and ready.message ~= nil and ready.message ~= "" then
  message = ready.message
end

-- Reasons no retry can fix: more than one control plane in the namespace, a roll not named default.
local failures = { ErrMultipleSMCPs = true, ErrInvalidName = true }
if ready ~= nil and ready.status == "False" and failures[ready.reason] then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. message
  return hs
end

local configured = {}
if obj.status.configuredMembers ~= nil then
  for _, namespace in ipairs(obj.status.configuredMembers) do
    configured[namespace] = true
  end
end
local missing = {}
if obj.spec ~= nil and obj.spec.members ~= nil then
  for _, namespace in ipairs(obj.spec.members) do
    if not configured[namespace] then
      table.insert(missing, namespace)
    end
  end
end

if #missing > 0 then
  -- ErrSMCPMissing, SMCPReconciling, or ReconcileError while namespaces are still pending.
  hs.status = "Progressing"
  hs.message = "Not yet configured: " .. table.concat(missing, ", ") .. " (" .. message .. ")"
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
  return hs
end

if ready ~= nil and ready.status == "False" and ready.reason == "ReconcileError" then
  -- Every member is configured, yet the operator reports an error (Kiali or Prometheus configuration).
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. message
  return hs
end

hs.status = "Progressing"
hs.message = message
return hs
