package com.example.webexoauth.login;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Stores what the session holds (the signed-in user, the CSRF token, pending sign-ins) as
 * JSON with an allow-list of types ({@link JsonSessionAttributes}).
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributesConfiguration {

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> jsonSessionAttributes() {
		JsonSessionAttributes json = new JsonSessionAttributes(SessionAttributesConfiguration.class.getClassLoader());
		return (repository) -> repository.setConversionService(json.conversionService());
	}

}
