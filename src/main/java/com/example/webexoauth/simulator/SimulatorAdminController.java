package com.example.webexoauth.simulator;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets tests and benchmarks steer a running simulator over HTTP: counters, knobs, clock and
 * token invalidation.
 */
@RestController
@ConditionalOnBooleanProperty(name = "simulator.admin-endpoints", matchIfMissing = true)
class SimulatorAdminController {

	private final SimulatorStats stats;

	private final SimulatorSettings settings;

	private final TokenAuthority authority;

	private final SimulatorClock clock;

	SimulatorAdminController(SimulatorStats stats, SimulatorSettings settings, TokenAuthority authority,
			SimulatorClock clock) {
		this.stats = stats;
		this.settings = settings;
		this.authority = authority;
		this.clock = clock;
	}

	@GetMapping("/simulator/stats")
	Map<String, Long> stats() {
		return this.stats.asMap();
	}

	@PostMapping("/simulator/stats/reset")
	Map<String, Long> resetStats() {
		this.stats.reset();
		return this.stats.asMap();
	}

	@GetMapping("/simulator/settings")
	Map<String, Object> settings() {
		return this.settings.asMap();
	}

	@PostMapping("/simulator/settings")
	Map<String, Object> updateSettings(@RequestBody Map<String, Object> changes) {
		return this.settings.update(changes);
	}

	@PostMapping("/simulator/settings/reset")
	Map<String, Object> resetSettings() {
		this.settings.reset();
		return this.settings.asMap();
	}

	@PostMapping("/simulator/expire-access-tokens")
	ResponseEntity<Void> expireAccessTokens(@RequestParam String user) {
		return this.authority.expireAccessTokens(user) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	@PostMapping("/simulator/revoke-grants")
	ResponseEntity<Void> revokeGrants(@RequestParam String user) {
		return this.authority.revokeGrants(user) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	@PostMapping("/simulator/clock/advance")
	Map<String, String> advanceClock(@RequestParam String by) {
		Duration offset = this.clock.advance(DurationStyle.detectAndParse(by));
		return Map.of("offset", offset.toString(), "now", this.clock.instant().toString());
	}

	@PostMapping("/simulator/clock/reset")
	Map<String, String> resetClock() {
		this.clock.reset();
		return Map.of("offset", Duration.ZERO.toString(), "now", this.clock.instant().toString());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> badInput(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("message", String.valueOf(ex.getMessage())));
	}

}
