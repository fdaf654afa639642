package com.example.webex.simulator;

import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.TokenAuthority.AccessGrant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /v1/people/me}: the signed-in person's profile.
 */
@RestController
class PeopleController {

	private final RestAccess access;

	private final DemoDirectory directory;

	private final SimulatorStats stats;

	PeopleController(RestAccess access, DemoDirectory directory, SimulatorStats stats) {
		this.access = access;
		this.directory = directory;
		this.stats = stats;
	}

	@GetMapping("/v1/people/me")
	Person me(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest request) {
		AccessGrant grant = this.access.admit(authorization, Scopes.PEOPLE_READ);
		Person person = this.directory.person(grant.person()).orElseThrow(WebexApiException::unauthorized);
		this.stats.increment(Counter.PEOPLE_ME);
		// absolute, as Webex's are; on the host and port this request came to, which is
		// where the simulator serves the image
		String avatar = ServletUriComponentsBuilder.fromContextPath(request).path(person.avatar()).toUriString();
		return person.withAvatar(avatar);
	}

}
