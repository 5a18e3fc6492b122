package example;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The session's last activity, kept in an attribute of our own: Tomcat's last access time
 * (and maxInactiveInterval) moves with every request, pings included, so it cannot say
 * how long the user has been idle. Runs on every request but the ping (rules 5 and 6).
 */
@Component
public class Activity implements HandlerInterceptor {
  static final String LAST = "lastActivity";

  final long warnAfter;
  final long expireAfter;

  Activity(@Value("${WARN_AFTER:780}") long warnAfter, @Value("${EXPIRE_AFTER:900}") long expireAfter) {
    this.warnAfter = warnAfter;
    this.expireAfter = expireAfter;
  }

  /** Last activity in epoch milliseconds, or null when signed out. */
  static Long last(HttpSession session) {
    return session == null ? null : (Long) session.getAttribute(LAST);
  }

  /** Rule 2: idle expireAfter or longer ends the session, before anything else is read. */
  boolean expire(HttpSession session, long last, long now) {
    if (now - last < expireAfter * 1000) return false;
    session.invalidate();
    return true;
  }

  void start(HttpSession session, long now) {
    session.setAttribute(LAST, now);
    // Tomcat's own idle timeout slides with every request, pings included, so it only
    // ever ends a session later than we do: above expireAfter it never decides first.
    session.setMaxInactiveInterval((int) expireAfter + 60);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    long now = System.currentTimeMillis();
    HttpSession session = request.getSession(false);
    Long last = last(session);
    if (last != null && !expire(session, last, now)) session.setAttribute(LAST, now);
    return true;
  }
}
