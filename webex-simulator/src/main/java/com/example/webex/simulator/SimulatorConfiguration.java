package com.example.webex.simulator;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Everything the simulator needs, declared explicitly so that it can be imported into any
 * application (demo mode) or started alone by {@link WebexSimulatorApplication}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatorProperties.class)
@Import({ SimulatorSecurityConfiguration.class, AuthorizeController.class, TokenController.class,
		PeopleController.class, RoomsController.class, AvatarController.class, SimulatorAdminController.class,
		WebexErrors.class, WebexErrors.UnknownPathController.class })
public class SimulatorConfiguration {

	@Bean
	SimulatorClock simulatorClock() {
		return new SimulatorClock(Clock.systemUTC());
	}

	@Bean
	SimulatorSettings simulatorSettings(SimulatorProperties properties) {
		return new SimulatorSettings(properties);
	}

	@Bean
	SimulatorStats simulatorStats() {
		return new SimulatorStats();
	}

	@Bean
	DemoDirectory simulatorDirectory(SimulatorClock clock, SimulatorProperties properties) {
		// whole hours keep room dates stable within a run while still looking recent
		return new DemoDirectory(clock.instant().truncatedTo(ChronoUnit.HOURS), properties.extraPeople(),
				properties.users(), properties.rooms());
	}

	@Bean
	RegisteredRedirectUris simulatorRedirectUris(SimulatorProperties properties) {
		return new RegisteredRedirectUris(properties.redirectUris());
	}

	@Bean
	TokenAuthority simulatorTokenAuthority(SimulatorProperties properties, SimulatorSettings settings,
			DemoDirectory directory, SimulatorClock clock) {
		byte[] secret = (properties.secretFile() != null) ? SigningSecret.loadOrCreate(properties.secretFile())
				: SigningSecret.random();
		return new TokenAuthority(new TokenCodec(secret), settings, directory, clock);
	}

	@Bean
	AuthorizationCodes simulatorAuthorizationCodes(SimulatorSettings settings, SimulatorClock clock) {
		return new AuthorizationCodes(settings, clock);
	}

	@Bean
	RestAccess simulatorRestAccess(SimulatorSettings settings, TokenAuthority authority, SimulatorStats stats) {
		return new RestAccess(settings, authority, stats);
	}

	@Bean
	FilterRegistrationBean<TokenAnswerOverride> simulatorTokenAnswerOverride(SimulatorSettings settings,
			SimulatorStats stats) {
		FilterRegistrationBean<TokenAnswerOverride> registration = new FilterRegistrationBean<>(
				new TokenAnswerOverride(settings, stats));
		registration.addUrlPatterns("/v1/access_token");
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> simulatorAdminFromLoopbackOnly() {
		return (factory) -> factory.addEngineValves(new AdminFromLoopbackOnlyValve());
	}

	@Bean
	FilterRegistrationBean<CountedSinceReset> simulatorCountedSinceReset(SimulatorStats stats) {
		FilterRegistrationBean<CountedSinceReset> registration = new FilterRegistrationBean<>(
				new CountedSinceReset(stats));
		registration.addUrlPatterns("/v1/*");
		// outside the token answer override, which counts too
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<TrackingIds> simulatorTrackingIds() {
		FilterRegistrationBean<TrackingIds> registration = new FilterRegistrationBean<>(new TrackingIds());
		registration.addUrlPatterns("/v1/*");
		return registration;
	}

}
