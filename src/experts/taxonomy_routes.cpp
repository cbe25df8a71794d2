// HTTP ↔ the field taxonomy and the pools: read, one service call, render.
#include "experts/taxonomy_routes.hpp"

#include "experts/expert_access.hpp"
#include "experts/expert_json.hpp"

namespace zhiku {

using http::Policy;
using http::Request;
using http::Response;

void add_taxonomy_routes(http::Router& router, TaxonomyService& taxonomy) {
  // Fields (学科领域).
  // Public: the taxonomy is a national standard, and the public application form offers it.
  router.get(
      "/api/v1/fields", Policy::anyone(),
      [&taxonomy](Request&) {
        Json j = Json::object();
        j["items"] = taxonomy.field_tree();
        return Response::json(j);
      },
      "The field taxonomy as a tree");

  router.post(
      "/api/v1/fields", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json j = taxonomy.create_field(req.actor(), field_from_json(req.json(), nullptr));
        return Response::json(j, 201);
      },
      "Add a field");

  router.patch(
      "/api/v1/fields/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        FieldPatch patch;
        patch.values = field_from_json(body, &patch);
        Json j = taxonomy.update_field(req.actor(), req.id_param(), version, patch);
        return Response::json(j);
      },
      "Rename or move a field");

  router.del(
      "/api/v1/fields/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        taxonomy.delete_field(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Delete an unused leaf field");

  // Pools (专家库).
  router.get(
      "/api/v1/pools", Policy::signed_in(),
      [&taxonomy](Request&) {
        Json j = Json::object();
        j["items"] = taxonomy.pools();
        return Response::json(j);
      },
      "The pools with their member counts");

  router.post(
      "/api/v1/pools", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json j = taxonomy.create_pool(req.actor(), pool_from_json(req.json(), nullptr));
        return Response::json(j, 201);
      },
      "Add a pool");

  router.patch(
      "/api/v1/pools/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        PoolPatch patch;
        patch.values = pool_from_json(body, &patch);
        Json j = taxonomy.update_pool(req.actor(), req.id_param(), version, patch);
        return Response::json(j);
      },
      "Rename a pool");

  router.del(
      "/api/v1/pools/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        taxonomy.delete_pool(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Delete an empty pool");
}

}  // namespace zhiku
