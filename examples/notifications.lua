-- Multi-Channel Notifications (the spec's example; user_id and team_id come from the query string)
-- Connect: ws://localhost:6745/api/custom/_system/notifications?user_id=456&team_id=7
local user_id = request.query.user_id or "anonymous"
local team_id = request.query.team_id or "none"

-- Subscribe to multiple channels
solidb.ws.channel.subscribe("user:" .. user_id)
solidb.ws.channel.subscribe("team:" .. team_id)
solidb.ws.channel.subscribe("global:announcements")

while true do
    local msg, msg_type = solidb.ws.recv_any()
    if msg == nil then break end

    if msg_type == "channel" then
        solidb.ws.send(json.encode({
            type = "notification",
            channel = msg.channel,
            data = msg.data
        }))
    end
end
