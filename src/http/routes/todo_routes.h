#pragma once
// GET /api/v1/me/todo: what awaits the signed-in user (src/todo), for the console's home page.

#include "http/router.h"
#include "todo/todo_service.h"

namespace kl::http {

void add_todo_routes(Router& router, todo::TodoService& todo);

}  // namespace kl::http
