package dev.parley.common.testing.call;

import dev.parley.common.call.CallEvent;
import dev.parley.common.call.CallEvents;
import dev.parley.common.call.Participant;
import dev.parley.common.call.ParticipantStatus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a session's events and keeps the latest view of each participant. */
public final class EventLog implements CallEvents {
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final Map<Long, Participant> participants = new ConcurrentHashMap<>();

    @Override
    public void on(CallEvent event) {
        if (!(event instanceof CallEvent.SpeakingLevels)) {
            events.add(event);
        }
        if (event instanceof CallEvent.ParticipantChanged c) {
            participants.put(c.participant().peerId().value(), c.participant());
        } else if (event instanceof CallEvent.ParticipantLeft l) {
            participants.remove(l.peerId().value());
        }
    }

    public List<CallEvent> events() {
        return List.copyOf(events);
    }

    public Map<Long, Participant> participants() {
        return Map.copyOf(participants);
    }

    public long count(ParticipantStatus status) {
        return participants.values().stream().filter(p -> p.status() == status).count();
    }
}
