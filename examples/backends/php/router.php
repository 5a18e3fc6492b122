<?php
// The smallest plain-PHP app for session-security, one file for PHP's built-in server
// (`php -S 127.0.0.1:8000 router.php`). Sessions: $_SESSION with the files handler.
declare(strict_types=1);

define('WARN_AFTER', (int) (getenv('WARN_AFTER') ?: 540));
define('EXPIRE_AFTER', (int) (getenv('EXPIRE_AFTER') ?: 600));
// Stable, so that `user` stays the same across restarts.
define('USER_SECRET', getenv('USER_SECRET') ?: throw new RuntimeException('USER_SECRET is not set'));
const USERS = ['alice' => 'alice', 'bob' => 'bob']; // demo accounts only

function open_session(): void
{
    session_start([
        'use_strict_mode' => 1,   // never adopt a session id this server did not issue
        'cookie_httponly' => 1,
        'cookie_samesite' => 'Lax',
        // The garbage collector must never end a session before our own expiry does.
        'gc_maxlifetime' => EXPIRE_AFTER + 60,
    ]);
}

function end_session(): void
{
    $_SESSION = [];
    session_destroy();
    setcookie(session_name(), '', ['expires' => 1, 'path' => '/', 'httponly' => true, 'samesite' => 'Lax']);
}

function user_token(): string
{
    // Opaque: reveals nothing about the account and cannot be made for another (rule 9).
    return hash_hmac('sha256', $_SESSION['user'], USER_SECRET);
}

function answer_json(mixed $value): void
{
    // Release the session file lock first: every other request of this session (other
    // tabs, the next ping) waits on it.
    if (session_status() === PHP_SESSION_ACTIVE) {
        session_write_close();
    }
    header('Cache-Control: no-store');          // rule 8
    header('Content-Type: application/json');
    echo json_encode($value);
}

function ping(): void
{
    // Rule 1. No cookie, no session: do not create one just to say so.
    if (!isset($_COOKIE[session_name()])) {
        answer_json('logout');
        return;
    }
    open_session();
    if (!isset($_SESSION['user'])) {            // unknown or signed-out id
        end_session();
        answer_json('logout');
        return;
    }
    $now = microtime(true);
    if ($now - $_SESSION['last_activity'] >= EXPIRE_AFTER) { // rule 2: before the merge
        end_session();
        answer_json(['status' => 'logout', 'reason' => 'expired']);
        return;
    }
    // Rules 3 and 4: only plain ASCII digits (`$` would accept "5\n"; idleFor[]=0 is an
    // array), only with the header a cross-site page cannot send, and never past now.
    $idle = $_GET['idleFor'] ?? null;
    if (($_SERVER['HTTP_X_REQUESTED_WITH'] ?? '') === 'XMLHttpRequest'
        && is_string($idle) && preg_match('/\A[0-9]{1,15}\z/', $idle)) {
        $_SESSION['last_activity'] = max($_SESSION['last_activity'], $now - (int) $idle);
    }
    answer_json([
        'idleFor' => (int) floor($now - $_SESSION['last_activity']), // rule 7
        'warnAfter' => WARN_AFTER,
        'expireAfter' => EXPIRE_AFTER,
        'user' => user_token(),
        'csrfToken' => $_SESSION['csrf_token'], // the token the forms below check
    ]);
}

function redirect(string $to, int $status = 303): void
{
    header("Location: $to", true, $status);
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$route = $_SERVER['REQUEST_METHOD'] . ' ' . $path;

// The element's bundle and its lazy locales: public files, outside the session.
if ($_SERVER['REQUEST_METHOD'] === 'GET' && preg_match('#\A/([a-z0-9-]+)\.js\z#', $path, $m)) {
    $file = dirname(getenv('SESSION_SECURITY_JS')) . "/$m[1].js";
    if (!is_file($file)) {
        http_response_code(404);
        return;
    }
    header('Content-Type: text/javascript');
    readfile($file);
    return;
}

if ($route === 'GET /session/ping') {
    ping(); // rule 5: the ping stays out of the activity below
    return;
}

// Rule 6: every other request is activity, and expiry is enforced on each one,
// whatever the browser's script does.
if (isset($_COOKIE[session_name()])) {
    open_session();
    if (isset($_SESSION['user'])) {
        if (microtime(true) - $_SESSION['last_activity'] >= EXPIRE_AFTER) {
            end_session();
        } else {
            $_SESSION['last_activity'] = microtime(true);
        }
    }
}
$h = fn (string $s): string => htmlspecialchars($s, ENT_QUOTES);

switch ($route) {
    case 'GET /login':
        echo <<<HTML
            <!doctype html><title>Sign in</title>
            <form method="post" action="/login">
              <label>Username <input name="username" autocomplete="username"></label>
              <label>Password <input name="password" type="password" autocomplete="current-password"></label>
              <button>Sign in</button>
            </form>
            HTML;
        break;

    case 'POST /login':
        $name = $_POST['username'] ?? null;
        $password = $_POST['password'] ?? null;
        if (!is_string($name) || !is_string($password) || !isset(USERS[$name])
            || !hash_equals(USERS[$name], $password)) {
            redirect('/login');
            break;
        }
        if (session_status() !== PHP_SESSION_ACTIVE) {
            open_session();
        }
        session_regenerate_id(true); // a new id at every sign-in (session fixation)
        $_SESSION = [
            'user' => $name,
            'last_activity' => microtime(true),
            'csrf_token' => bin2hex(random_bytes(32)),
        ];
        redirect('/');
        break;

    case 'POST /logout':
        if (isset($_SESSION['csrf_token']) && is_string($_POST['csrf_token'] ?? null)
            && hash_equals($_SESSION['csrf_token'], $_POST['csrf_token'])) {
            end_session();
        }
        redirect('/login');
        break;

    case 'GET /':
        if (!isset($_SESSION['user'])) {
            redirect('/login', 302);
            break;
        }
        $token = $h($_SESSION['csrf_token']);
        $user = $h(user_token());
        $name = $h($_SESSION['user']);
        session_write_close(); // done with the session: do not hold its lock while rendering
        header('Cache-Control: no-store');
        $warn = WARN_AFTER;
        $expire = EXPIRE_AFTER;
        echo <<<HTML
            <!doctype html><title>Protected</title>
            <meta name="csrf-token" content="$token">
            <script type="module" src="/session-security.js"></script>
            <session-security ping-url="/session/ping" warn-after="$warn"
              expire-after="$expire" user="$user"></session-security>
            <p>Signed in as $name.</p>
            <form method="post" action="/logout">
              <input type="hidden" name="csrf_token" value="$token">
              <button>Sign out</button>
            </form>
            HTML;
        break;

    default:
        http_response_code(404);
}
