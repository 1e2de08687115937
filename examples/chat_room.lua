-- Simple Chat Room (the spec's example, unchanged)
-- Register: POST /_api/custom/_system/chat with method="WS"
-- Connect: ws://localhost:6745/api/custom/_system/chat?room=general&name=Alice

local room = request.query.room or "general"
local channel = "chat:" .. room
local user = {
    name = request.query.name or "Anonymous",
    joined = os.time() * 1000
}

-- Join the room
solidb.ws.channel.subscribe(channel)
solidb.ws.presence.join(channel, user)

-- Send current users
solidb.ws.send(json.encode({
    type = "init",
    users = solidb.ws.presence.list(channel)
}))

-- Message loop
while true do
    local msg, msg_type = solidb.ws.recv_any(30000)
    if msg == nil then break end

    if msg_type == "ws" then
        local data = json.decode(msg)
        if data.type == "message" then
            solidb.ws.channel.broadcast(channel, {
                type = "chat",
                from = user.name,
                text = data.text
            })
        end
    elseif msg_type == "channel" then
        solidb.ws.send(json.encode(msg.data))
    elseif msg_type == "presence" then
        solidb.ws.send(json.encode({
            type = "presence_" .. msg.event_type,
            user = msg.user_info
        }))
    end
end
