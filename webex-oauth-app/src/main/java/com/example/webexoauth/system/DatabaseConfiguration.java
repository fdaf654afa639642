package com.example.webexoauth.system;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The database connections' time limits ({@link DatabaseProperties}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	// Static, as bean post-processors must be; so it binds its properties itself instead
	// of waiting for the post-processor that binds the others.
	@Bean
	static DatabaseTimeouts databaseTimeouts(Environment environment) {
		return new DatabaseTimeouts(Binder.get(environment).bindOrCreate("webex.database", DatabaseProperties.class));
	}

}
