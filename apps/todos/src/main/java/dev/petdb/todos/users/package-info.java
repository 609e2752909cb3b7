/**
 * Accounts: sign-up, the signed-in user, the canonical form of email addresses that identifies an account, password
 * rules and bcrypt, which runs in a few slots off the request threads so that a burst of sign-ins queues instead of
 * starving every other request.
 * TodosApp wires it; AuthRoutes calls the store and Passwords to sign users in.
 */
package dev.petdb.todos.users;
