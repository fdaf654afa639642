package com.example.webexoauth.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC additions: the shared layout's attributes on every page.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final WebexProperties webex;

	WebConfiguration(WebexProperties webex) {
		this.webex = webex;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// JSON and the simulator's REST API render no layout
		registry.addInterceptor(new LayoutModel(this.webex.simulated())).excludePathPatterns("/api/**", "/v1/**");
	}

}
