package com.example.webexoauth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.example.webex.client.WebexClientAutoConfiguration;
import com.example.webex.login.WebexLoginAutoConfiguration;
import com.example.webex.vault.GrantAdmission;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A web slice of the app for one controller: the controller, the app's controller advice
 * and security rules, Spring Security's filters and the starter's login as the
 * application gets them (on a Webex nobody calls), so no Webex, no database and no port.
 * What the controller calls is the test's own {@code @MockitoBean}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
		// the app's security rules (a package-private configuration of the login package)
		includeFilters = @Filter(type = FilterType.REGEX, pattern = ".*\\.login\\.SecurityConfiguration"),
		properties = { "webex.client-id=slice-client", "webex.client-secret=slice-secret" })
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class, RestClientAutoConfiguration.class, WebexClientAutoConfiguration.class,
		WebexLoginAutoConfiguration.class })
// what the starter's vault and Spring Session would give the security configuration
@MockitoBean(types = { GrantAdmission.class, SessionTimeout.class })
public @interface WebSliceTest {

	/** The controller under test. */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value();

}
