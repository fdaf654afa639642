package com.example.webexoauth.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the pages say about the site itself.
 *
 * @param simulated whether the app talks to a Webex simulator (demo mode sets it): every
 * page then shows the demo banner
 */
@ConfigurationProperties("webex")
record SiteProperties(boolean simulated) {
}
