package com.example.webex.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets tests and benchmarks steer a running simulator over HTTP: counters, knobs, clock
 * and token invalidation. Only from this machine ({@link AdminFromLoopbackOnlyValve}),
 * and every change only as {@code application/json}, which no cross-site form post or
 * {@code no-cors} fetch can send: a web page cannot steer it, even the ones that take
 * query parameters.
 */
@RestController
@ConditionalOnBooleanProperty(name = "simulator.admin-endpoints", matchIfMissing = true)
class SimulatorAdminController {

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private final SimulatorStats stats;

	private final SimulatorSettings settings;

	private final TokenAuthority authority;

	private final SimulatorClock clock;

	private final DemoDirectory directory;

	SimulatorAdminController(SimulatorStats stats, SimulatorSettings settings, TokenAuthority authority,
			SimulatorClock clock, DemoDirectory directory) {
		this.stats = stats;
		this.settings = settings;
		this.authority = authority;
		this.clock = clock;
		this.directory = directory;
	}

	@GetMapping("/simulator/stats")
	Map<String, Long> stats() {
		return this.stats.asMap();
	}

	@PostMapping(path = "/simulator/stats/reset", consumes = JSON)
	Map<String, Long> resetStats() {
		this.stats.reset();
		return this.stats.asMap();
	}

	@GetMapping("/simulator/settings")
	Map<String, Object> settings() {
		return this.settings.asMap();
	}

	@PostMapping(path = "/simulator/settings", consumes = JSON)
	Map<String, Object> updateSettings(@RequestBody Map<String, Object> changes) {
		return this.settings.update(changes);
	}

	@PostMapping(path = "/simulator/settings/reset", consumes = JSON)
	Map<String, Object> resetSettings() {
		this.settings.reset();
		return this.settings.asMap();
	}

	@PostMapping(path = "/simulator/expire-access-tokens", consumes = JSON)
	ResponseEntity<Void> expireAccessTokens(@RequestParam String user) {
		return this.authority.expireAccessTokens(user) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	@PostMapping(path = "/simulator/revoke-grants", consumes = JSON)
	ResponseEntity<Void> revokeGrants(@RequestParam String user) {
		return this.authority.revokeGrants(user) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	/**
	 * Adds a group room, active now, to a demo user's rooms, e.g. to show that a refresh
	 * finds it; {@code POST /simulator/rooms/reset} takes added rooms away again.
	 * @param room {@code user} (key such as {@code zoe}, email or person id) and
	 * {@code title}
	 * @return 201 with the room as {@code GET /v1/rooms} lists it, 404 for an unknown
	 * user
	 */
	@PostMapping(path = "/simulator/rooms", consumes = JSON)
	ResponseEntity<Room> addRoom(@RequestBody NewRoom room) {
		if (room.user() == null || room.title() == null || room.title().isBlank()) {
			throw new IllegalArgumentException("user and title are required");
		}
		OptionalInt person = this.directory.find(room.user());
		if (person.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.directory.addRoom(person.getAsInt(), room.title(), this.clock.instant()));
	}

	/**
	 * Adds a person to the demo organization, for the rest of the simulator's life;
	 * adding the same person again changes nothing.
	 * @param user {@code key} (e.g. {@code alice}), {@code email} and {@code displayName}
	 * @return 201 with the user, 400 for a malformed value or a key or email taken
	 */
	@PostMapping(path = "/simulator/users", consumes = JSON)
	ResponseEntity<DemoUser> addUser(@RequestBody NewUser user) {
		Person person = this.directory.addPerson(user.key(), user.email(), user.displayName());
		return ResponseEntity.status(HttpStatus.CREATED).body(DemoUser.of(user.key(), person));
	}

	@PostMapping(path = "/simulator/rooms/reset", consumes = JSON)
	ResponseEntity<Void> resetRooms() {
		this.directory.resetRooms();
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/simulator/clock/advance", consumes = JSON)
	Map<String, String> advanceClock(@RequestParam String by) {
		Duration offset = this.clock.advance(DurationStyle.detectAndParse(by));
		return Map.of("offset", offset.toString(), "now", this.clock.instant().toString());
	}

	@PostMapping(path = "/simulator/clock/reset", consumes = JSON)
	Map<String, String> resetClock() {
		this.clock.reset();
		return Map.of("offset", Duration.ZERO.toString(), "now", this.clock.instant().toString());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> badInput(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("message", String.valueOf(ex.getMessage())));
	}

	/**
	 * The body of {@code POST /simulator/rooms}.
	 *
	 * @param user the person's key, email or id
	 * @param title the new room's title
	 */
	record NewRoom(String user, String title) {
	}

	/**
	 * The body of {@code POST /simulator/users}.
	 *
	 * @param key the short name
	 * @param email the email address
	 * @param displayName the full name
	 */
	record NewUser(String key, String email, String displayName) {
	}

}
