-- Typing Indicator with Presence (the spec's example; doc_id and user_id come from the query string)
-- Connect: ws://localhost:6745/api/custom/_system/typing?doc_id=readme&user_id=alice
local doc_id = request.query.doc_id or "default"
local user_id = request.query.user_id or "anonymous"

local channel = "doc:" .. doc_id

solidb.ws.channel.subscribe(channel)
solidb.ws.presence.join(channel, {
    user_id = user_id,
    cursor = {line = 0, col = 0}
})

while true do
    local msg, msg_type = solidb.ws.recv_any(100)

    if msg_type == "ws" then
        local data = json.decode(msg)
        if data.type == "cursor" then
            -- Broadcast cursor position to others
            solidb.ws.channel.broadcast(channel, {
                type = "cursor_move",
                user_id = user_id,
                position = data.position
            })
        end
    elseif msg_type == "channel" then
        solidb.ws.send(json.encode(msg.data))
    elseif msg_type == "presence" then
        solidb.ws.send(json.encode({
            type = "user_" .. msg.event_type,
            user = msg.user_info
        }))
    end
end
