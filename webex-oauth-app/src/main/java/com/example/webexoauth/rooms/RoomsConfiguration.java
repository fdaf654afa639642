package com.example.webexoauth.rooms;

import java.time.Clock;
import java.util.List;

import com.example.webex.client.WebexClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The room list cache: a {@link CaffeineCacheManager} with the one cache this app has (a
 * bean, so that Boot binds its {@code cache.*} metrics), and the {@link RoomCache} that
 * uses it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoomsProperties.class)
class RoomsConfiguration {

	@Bean
	CaffeineCacheManager cacheManager(RoomsProperties properties, ObjectProvider<Clock> clock) {
		CaffeineCacheManager manager = new CaffeineCacheManager();
		// no caches made up on demand for unknown names; futures handed out as Caffeine
		// holds them (null values would be wrapped), which RoomCache relies on to tell
		// who fetches
		manager.setCacheNames(List.of());
		manager.setAllowNullValues(false);
		manager.setAsyncCacheMode(true);
		manager.registerCustomCache(RoomCache.NAME, RoomCache.build(properties, clock.getIfUnique(Clock::systemUTC)));
		return manager;
	}

	@Bean
	RoomCache roomCache(WebexClient webex, CaffeineCacheManager cacheManager, RoomsProperties properties,
			ObjectProvider<Clock> clock) {
		return new RoomCache(webex, (CaffeineCache) cacheManager.getCache(RoomCache.NAME), properties,
				clock.getIfUnique(Clock::systemUTC));
	}

}
