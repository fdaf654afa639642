package com.example.webexoauth.rooms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.webex.client.ConfigurationProblemsException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the users' room lists are cached ({@code webex.rooms.*}).
 *
 * @param cacheTtl how long a fetched room list is used before the next request fetches it
 * again ({@code WEBEX_ROOMS_CACHE_TTL}, e.g. {@code 60s} or {@code PT1M}); {@code 0}
 * turns the cache off, though concurrent requests of one user still share one fetch
 * @param cacheKeepStale how long past {@code cacheTtl} a list is kept to answer with,
 * marked as stale, while Webex rate-limits its user
 * @param cacheMaxSize the most heap the cached lists may take together (estimated per
 * list); beyond it the least used lists go first
 * @param refreshInterval the shortest time between two forced refreshes (the Refresh
 * button, {@code ?refresh=true}) of one user; a refresh asked for sooner is answered from
 * the cache
 */
@ConfigurationProperties("webex.rooms")
record RoomsProperties(@DefaultValue("60s") Duration cacheTtl, @DefaultValue("10m") Duration cacheKeepStale,
		@DefaultValue("24MB") DataSize cacheMaxSize, @DefaultValue("10s") Duration refreshInterval) {

	RoomsProperties {
		List<String> problems = new ArrayList<>();
		if (cacheTtl.isNegative()) {
			problems.add("WEBEX_ROOMS_CACHE_TTL (webex.rooms.cache-ttl) must be 0 (no cache) or longer, e.g. 60s.");
		}
		if (cacheKeepStale.isNegative()) {
			problems.add("webex.rooms.cache-keep-stale must be 0 or longer, e.g. 10m.");
		}
		if (cacheMaxSize.toBytes() < 0) {
			problems.add("webex.rooms.cache-max-size must be 0 or more, e.g. 24MB.");
		}
		if (refreshInterval.isNegative()) {
			problems.add("webex.rooms.refresh-interval must be 0 or longer, e.g. 10s.");
		}
		if (!problems.isEmpty()) {
			throw new ConfigurationProblemsException(problems);
		}
	}

}
