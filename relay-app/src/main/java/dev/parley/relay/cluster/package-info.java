/**
 * Several relays sharing the rooms of one deployment (PROTOCOL.md section 10), through a directory
 * in Redis. Active only when {@code parley.relay.cluster.redis} is set; without it none of these
 * beans exists and the relay never connects to Redis.
 *
 * <p>In Redis, under {@code parley.relay.cluster.key-prefix}: {@code relay:ID} is each live relay's
 * registration (advertised host and port, certificate pin, members and rooms; a TTL it renews),
 * {@code relays} the set of relay ids, and {@code room:ROOM_ID} a room's owner, claimed with
 * {@code SET NX} and a TTL that the owner renews while the room has members here.
 *
 * <p>{@link dev.parley.relay.cluster.RedisDirectory} is the only class that talks to Redis, never
 * blocking a Netty event loop; {@link dev.parley.relay.cluster.ClusterNode} keeps this relay's
 * registration and claims alive; {@link dev.parley.relay.cluster.ClusterPlacement} answers
 * {@code JoinRoom} for rooms not hosted here.
 */
package dev.parley.relay.cluster;
