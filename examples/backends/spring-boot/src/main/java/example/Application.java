package example;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@SpringBootApplication
public class Application implements WebMvcConfigurer {
  static final String PING = "/session/ping";

  private final Activity activity;
  private final Path script;

  Application(Activity activity, @Value("${SESSION_SECURITY_JS}") Path script) {
    this.activity = activity;
    this.script = script;
  }

  public static void main(String[] args) {
    SpringApplication.run(Application.class, args);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // Rule 5: the ping reports activity the server could not see; it is not activity.
    registry.addInterceptor(activity).excludePathPatterns(PING);
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    // The bundle and the lazy locales beside it (dist/cdn/*.js), at /<name>.js.
    registry.addResourceHandler("/*.js").addResourceLocations(script.getParent().toUri().toString());
  }
}
