<?php

use App\Http\Middleware\TouchLastActivity;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Route;

Route::get('/session/ping', function (Request $request) {
    $answer = fn ($body) => response()->json($body)->header('Cache-Control', 'no-store'); // rule 8
    $expireAfter = config('session-security.expire_after');
    $now = time();
    $last = $request->session()->get('activity_at');
    if (! Auth::check() || $last === null) {                                   // rule 1
        return $answer(['status' => 'logout']);
    }
    if ($now - $last >= $expireAfter) {                                        // rule 2: before the merge
        Auth::logout();
        $request->session()->invalidate();
        return $answer(['status' => 'logout', 'reason' => 'expired']);
    }
    // Rules 3 and 4: ASCII digits only (idleFor[]=0 is an array), only with the header
    // a cross-site page cannot send, and never past now.
    $idle = $request->query('idleFor');
    if ($request->ajax() && is_string($idle) && preg_match('/\A[0-9]{1,15}\z/', $idle)) {
        $last = max($last, $now - (int) $idle);
        $request->session()->put('activity_at', $last);
    }
    return $answer([
        'idleFor' => $now - $last,                                             // rule 7
        'warnAfter' => config('session-security.warn_after'),
        'expireAfter' => $expireAfter,
        // Opaque: an HMAC, never the id or the e-mail (rule 9).
        'user' => hash_hmac('sha256', (string) Auth::id(), config('session-security.user_secret')),
        'csrfToken' => $request->session()->token(),                           // what VerifyCsrfToken accepts
    ]);
})->name('session.ping')
  ->withoutMiddleware(TouchLastActivity::class)                                // rule 5
  ->block();  // no write-back racing a sign-out (needs a cache store with locks)

Route::get('/', function () {
    return view('home', [
        'user' => hash_hmac('sha256', (string) Auth::id(), config('session-security.user_secret')),
    ]);
})->middleware('auth');
