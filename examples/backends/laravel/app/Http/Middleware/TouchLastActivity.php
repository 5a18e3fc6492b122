<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;
use Symfony\Component\HttpFoundation\Response;

// Rule 6: every request of the `web` group is activity, and an idle session ends here,
// whatever the browser's script does. The ping route opts out (rule 5).
class TouchLastActivity
{
    public function handle(Request $request, Closure $next): Response
    {
        if (Auth::check()) {
            $now = time();
            $last = $request->session()->get('activity_at', $now);
            if ($now - $last >= config('session-security.expire_after')) {
                Auth::logout();
                $request->session()->invalidate();       // new id, old data gone
                $request->session()->regenerateToken();
            } else {
                $request->session()->put('activity_at', $now);
            }
        }

        return $next($request);
    }
}
