#pragma once
// The trace module's plain data: lots (a quantity of one product and grade of one producer, with a
// lot code, an origin and a public trace code) and events shaped field for field on GS1 EPCIS 2.0
// (ISO/IEC 19987:2024) with the Core Business Vocabulary 2.0 (ISO/IEC 19988), so that the EPCIS
// JSON-LD capture and query interface maps onto them 1:1:
//
//   EPCIS 2.0                               here
//   --------------------------------------  ------------------------------------------------------
//   type                                    Event::type (EventType)
//   eventID                                 Event::event_id: the CBV 2.0 event hash (event_hash.h)
//   eventTime, eventTimeZoneOffset          event_time_ms (UTC), event_time_zone_offset ("+08:00")
//   recordTime                              record_time_ms (when the platform stored it)
//   action                                  action (ADD/OBSERVE/DELETE; none for transformations)
//   bizStep, disposition                    biz_step, disposition (CBV 2.0 names)
//   readPoint.id, bizLocation.id            read_point, biz_location: urn:kashlink:loc:<org id>
//   bizTransactionList [{type, bizTransaction}]  biz_transactions (type: CBV BTT; po → an order)
//   quantityList [{epcClass, quantity, uom}]     quantities (epcClass = urn:kashlink:lot:<lot id>)
//   parentID, childQuantityList             parent_id (https://id.gs1.org/00/<SSCC>), child_quantities
//   inputQuantityList, outputQuantityList   inputs, outputs; transformationID: transformation_id
//   errorDeclaration {declarationTime, reason, correctiveEventIDs}  ErrorDeclaration (a NEW record
//                                           pointing at the event it declares wrong; events are
//                                           never edited or deleted)
//   extensions (namespace urn:kashlink:epcis:)   process (sort/grade/split/merge/process) and
//                                           lossGrams (a transformation's stated loss)
//
// Quantities: a lot counts GRAMS (uom GRM) unless its product is sold in boxes or pieces, when it
// counts UNITS of sale (no uom: a count, as EPCIS writes it). No floating point anywhere.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/enum_names.h"

namespace kl::trace {

// ---- limits ----------------------------------------------------------------------------------------

inline constexpr size_t lot_code_chars_max = 64;
inline constexpr size_t grade_chars_max = 32;
inline constexpr size_t lot_suppliers_max = 2000;          // as many as an enterprise's supply links
inline constexpr size_t event_quantities_max = 500;        // quantity elements in one list of one event
inline constexpr size_t event_biz_transactions_max = 20;
inline constexpr size_t corrective_event_ids_max = 20;
inline constexpr size_t biz_transaction_id_chars_max = 128;
inline constexpr size_t event_id_chars_max = 128;
inline constexpr int64_t lot_quantity_max = 1'000'000'000'000;  // 1,000 t in grams, or 10^12 units
// An event time may be ahead of the server's clock by at most this (clocks of phones and scanners
// drift); further ahead it is refused naming event_time.
inline constexpr int64_t event_time_future_tolerance_ms = 10 * 60 * 1000;
// The time zone offset events of the platform itself carry (orders are shipped in China).
inline constexpr std::string_view shanghai_offset = "+08:00";

// ---- enumerations (CBV 2.0 vocabularies keep their standard names) ---------------------------------

enum class EventType { object, aggregation, transaction, transformation };
constexpr auto enum_table(EventType) {
    using enum EventType;
    return enum_table_of<EventType>({{object, "ObjectEvent"},
                                     {aggregation, "AggregationEvent"},
                                     {transaction, "TransactionEvent"},
                                     {transformation, "TransformationEvent"}});
}
constexpr std::string_view enum_noun(EventType) { return "EPCIS event type"; }

enum class Action { add, observe, remove };
constexpr auto enum_table(Action) {
    using enum Action;
    return enum_table_of<Action>({{add, "ADD"}, {observe, "OBSERVE"}, {remove, "DELETE"}});
}
constexpr std::string_view enum_noun(Action) { return "EPCIS action"; }

// CBV 2.0 §7.1 business steps (https://ref.gs1.org/cbv/BizStep-<name>).
enum class BizStep {
    accepting, arriving, assembling, collecting, commissioning, consigning, creating_class_instance,
    cycle_counting, decommissioning, departing, destroying, disassembling, dispensing, encoding,
    entering_exiting, holding, inspecting, installing, killing, loading, other, packing, picking,
    receiving, removing, repackaging, repairing, replacing, reserving, retail_selling, sampling,
    sensor_reporting, shipping, staging_outbound, stock_taking, stocking, storing, transporting,
    unloading, unpacking, void_shipping
};
constexpr auto enum_table(BizStep) {
    using enum BizStep;
    return enum_table_of<BizStep>({
        {accepting, "accepting"}, {arriving, "arriving"}, {assembling, "assembling"}, {collecting, "collecting"},
        {commissioning, "commissioning"}, {consigning, "consigning"}, {creating_class_instance, "creating_class_instance"},
        {cycle_counting, "cycle_counting"}, {decommissioning, "decommissioning"}, {departing, "departing"},
        {destroying, "destroying"}, {disassembling, "disassembling"}, {dispensing, "dispensing"}, {encoding, "encoding"},
        {entering_exiting, "entering_exiting"}, {holding, "holding"}, {inspecting, "inspecting"},
        {installing, "installing"}, {killing, "killing"}, {loading, "loading"}, {other, "other"}, {packing, "packing"},
        {picking, "picking"}, {receiving, "receiving"}, {removing, "removing"}, {repackaging, "repackaging"},
        {repairing, "repairing"}, {replacing, "replacing"}, {reserving, "reserving"}, {retail_selling, "retail_selling"},
        {sampling, "sampling"}, {sensor_reporting, "sensor_reporting"}, {shipping, "shipping"},
        {staging_outbound, "staging_outbound"}, {stock_taking, "stock_taking"}, {stocking, "stocking"},
        {storing, "storing"}, {transporting, "transporting"}, {unloading, "unloading"}, {unpacking, "unpacking"},
        {void_shipping, "void_shipping"}});
}
constexpr std::string_view enum_noun(BizStep) { return "CBV 2.0 business step"; }

// CBV 2.0 §7.2 dispositions (https://ref.gs1.org/cbv/Disp-<name>).
enum class Disposition {
    active, available, completeness_inferred, completeness_verified, conformant, container_closed,
    container_open, damaged, destroyed, dispensed, disposed, encoded, expired, in_progress, in_transit,
    inactive, mismatch_instance, mismatch_class, mismatch_quantity, needs_replacement, no_pedigree_match,
    non_conformant, non_sellable_other, partially_dispensed, recalled, reserved, retail_sold, returned,
    sellable_accessible, sellable_not_accessible, stolen, unavailable, unknown
};
constexpr auto enum_table(Disposition) {
    using enum Disposition;
    return enum_table_of<Disposition>({
        {active, "active"}, {available, "available"}, {completeness_inferred, "completeness_inferred"},
        {completeness_verified, "completeness_verified"}, {conformant, "conformant"}, {container_closed, "container_closed"},
        {container_open, "container_open"}, {damaged, "damaged"}, {destroyed, "destroyed"}, {dispensed, "dispensed"},
        {disposed, "disposed"}, {encoded, "encoded"}, {expired, "expired"}, {in_progress, "in_progress"},
        {in_transit, "in_transit"}, {inactive, "inactive"}, {mismatch_instance, "mismatch_instance"},
        {mismatch_class, "mismatch_class"}, {mismatch_quantity, "mismatch_quantity"}, {needs_replacement, "needs_replacement"},
        {no_pedigree_match, "no_pedigree_match"}, {non_conformant, "non_conformant"}, {non_sellable_other, "non_sellable_other"},
        {partially_dispensed, "partially_dispensed"}, {recalled, "recalled"}, {reserved, "reserved"},
        {retail_sold, "retail_sold"}, {returned, "returned"}, {sellable_accessible, "sellable_accessible"},
        {sellable_not_accessible, "sellable_not_accessible"}, {stolen, "stolen"}, {unavailable, "unavailable"},
        {unknown, "unknown"}});
}
constexpr std::string_view enum_noun(Disposition) { return "CBV 2.0 disposition"; }

// CBV 2.0 §7.3 business transaction types (https://ref.gs1.org/cbv/BTT-<name>).
enum class BizTransactionType { bol, cert, desadv, inv, pedigree, po, poc, prodorder, recadv, rma, testprd, testres, upevt };
constexpr auto enum_table(BizTransactionType) {
    using enum BizTransactionType;
    return enum_table_of<BizTransactionType>({{bol, "bol"}, {cert, "cert"}, {desadv, "desadv"}, {inv, "inv"},
                                              {pedigree, "pedigree"}, {po, "po"}, {poc, "poc"}, {prodorder, "prodorder"},
                                              {recadv, "recadv"}, {rma, "rma"}, {testprd, "testprd"}, {testres, "testres"},
                                              {upevt, "upevt"}});
}
constexpr std::string_view enum_noun(BizTransactionType) { return "CBV 2.0 business transaction type"; }

// CBV 2.0 §7.5 error reasons (https://ref.gs1.org/cbv/ER-<name>).
enum class ErrorReason { did_not_occur, incorrect_data };
constexpr auto enum_table(ErrorReason) {
    using enum ErrorReason;
    return enum_table_of<ErrorReason>({{did_not_occur, "did_not_occur"}, {incorrect_data, "incorrect_data"}});
}
constexpr std::string_view enum_noun(ErrorReason) { return "CBV 2.0 error reason"; }

// How a lot is held: loose (bulk, crates), cartons, or a pallet identified by its SSCC-18.
enum class LotUnit { loose, carton, pallet };
constexpr auto enum_table(LotUnit) {
    using enum LotUnit;
    return enum_table_of<LotUnit>({{loose, "loose"}, {carton, "carton"}, {pallet, "pallet"}});
}
constexpr std::string_view enum_noun(LotUnit) { return "lot unit"; }

// What a lot's quantities count: grams (uom GRM) or units of sale (a count, no uom).
enum class QuantityUnit { grams, units };
constexpr auto enum_table(QuantityUnit) {
    using enum QuantityUnit;
    return enum_table_of<QuantityUnit>({{grams, "grams"}, {units, "units"}});
}

// What a transformation did (the extension urn:kashlink:epcis:process).
enum class Process { sort, grade, split, merge, process };
constexpr auto enum_table(Process) {
    using enum Process;
    return enum_table_of<Process>({{sort, "sort"}, {grade, "grade"}, {split, "split"}, {merge, "merge"}, {process, "process"}});
}
constexpr std::string_view enum_noun(Process) { return "transformation process"; }

using kl::to_string;

// ---- lots ------------------------------------------------------------------------------------------

// A supplier (workshop, household) among the producer's supply links and what it contributed.
struct LotSupplier {
    std::string supplier_id;
    int64_t quantity = 0;  // in the lot's unit
    std::string supplier_name;  // read back; not an input
};

// A lot to record (commissioning: an ObjectEvent ADD with bizStep commissioning).
struct NewLot {
    std::string producer_id;
    std::string product_id;
    std::string grade;  // "" when the product has no grades; else a grade of its brand standard
    std::string lot_code;
    LotUnit unit = LotUnit::loose;
    std::optional<std::string> sscc;  // required for a pallet, refused otherwise
    int64_t quantity = 0;             // grams, or units for products sold in boxes or pieces
    std::optional<Date> harvest_date;
    std::optional<Date> pack_date;
    std::vector<LotSupplier> suppliers;
    std::optional<std::string> biz_location;  // an organisation id; default the producer
    // The commissioning event's time (default now) and its offset (default +08:00).
    std::optional<int64_t> event_time_ms;
    std::string event_time_zone_offset = std::string(shanghai_offset);
};

struct Lot {
    std::string id;
    std::string producer_id;
    std::string producer_name;
    std::string producer_name_en;
    std::string county;
    std::string product_id;
    std::string product_name;
    std::string product_name_en;
    std::string grade;
    std::string lot_code;
    LotUnit unit = LotUnit::loose;
    std::optional<std::string> sscc;
    QuantityUnit quantity_unit = QuantityUnit::grams;
    int64_t quantity = 0;  // commissioned (or made by a transformation)
    int64_t on_hand = 0;   // what it holds now: quantity − shipped − transformed out − removed
    std::optional<Date> harvest_date;
    std::optional<Date> pack_date;
    std::string trace_code;
    std::string origin_event_id;  // the eventID of the event that made it
    std::vector<LotSupplier> suppliers;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

struct LotFilter {
    std::optional<std::string> product_id;
    std::optional<std::string> producer_id;
    std::optional<std::string> county;
    std::optional<std::string> code;  // a lot code (compared by identifier key) or a trace code
};

// ---- events ----------------------------------------------------------------------------------------

// A quantity element: epcClass = the lot's URI, quantity + uom in the lot's unit. As an OUTPUT of a
// transformation, an element describes a NEW lot of the same producer (lot_id empty until made).
struct QuantityElement {
    std::string lot_id;
    // epcClass: urn:kashlink:lot:<producer id>:<lot code key, percent-encoded> (lot_class_uri), known
    // before the lot exists, so a transformation's outputs hash the same when the event is resent.
    std::string epc_class;
    int64_t quantity = 0;
    QuantityUnit unit = QuantityUnit::grams;  // the lot's; read back, never chosen by the caller
    // outputs only: the new lot
    std::string lot_code;
    std::string product_id;
    std::string grade;
};

struct BizTransaction {
    BizTransactionType type = BizTransactionType::po;
    std::string id;  // po: an order id; otherwise the document's number
};

struct ErrorDeclaration {
    int64_t declaration_time_ms = 0;
    ErrorReason reason = ErrorReason::incorrect_data;
    std::vector<std::string> corrective_event_ids;
    int64_t recorded_at_ms = 0;
};

// One event as given to record (POST /api/v1/trace/events) and as stored.
struct Event {
    std::string id;        // the row's id; not part of EPCIS
    std::string event_id;  // eventID: ni:///sha-256;…?ver=CBV2.0
    int64_t seq = 0;       // recording order (migration 0030); lists order by (event_time_ms, seq)
    EventType type = EventType::object;
    std::optional<Action> action;  // none for TransformationEvent
    int64_t event_time_ms = 0;
    std::string event_time_zone_offset = std::string(shanghai_offset);
    int64_t record_time_ms = 0;
    std::optional<BizStep> biz_step;
    std::optional<Disposition> disposition;
    std::optional<std::string> read_point;    // an organisation id (its URI: urn:kashlink:loc:<id>)
    std::optional<std::string> biz_location;  // an organisation id
    std::vector<BizTransaction> biz_transactions;
    std::vector<QuantityElement> quantities;        // quantityList
    std::optional<std::string> parent_id;           // an SSCC (AggregationEvent; TransactionEvent may)
    std::vector<QuantityElement> child_quantities;  // childQuantityList
    std::vector<QuantityElement> inputs;            // inputQuantityList
    std::vector<QuantityElement> outputs;           // outputQuantityList
    std::optional<std::string> transformation_id;
    std::optional<Process> process;
    std::optional<int64_t> loss_grams;
    std::optional<ErrorDeclaration> error_declaration;  // read back: declared wrong by a later record
    std::optional<std::string> recorded_by;             // user id; nullopt: the platform or the command line
    std::string recorded_role;
};

// A declaration that an event recorded earlier is wrong (EPCIS errorDeclaration): a new record.
struct ErrorDeclarationInput {
    std::string event_id;  // the eventID declared wrong
    std::optional<int64_t> declaration_time_ms;  // default now
    ErrorReason reason = ErrorReason::incorrect_data;
    std::vector<std::string> corrective_event_ids;  // events recorded to correct it (must exist)
};

// What recording an event answers: the event as stored, and whether it was new (an identical event
// sent again is stored once; the answer is then the first one).
struct Recorded {
    Event event;
    bool created = true;
};

// URIs the events use.
std::string lot_class_uri(std::string_view producer_id, std::string_view lot_code_key);
std::string location_uri(std::string_view org_id);       // urn:kashlink:loc:<org id>
std::string order_uri(std::string_view order_id);        // urn:kashlink:order:<id>
std::string biz_transaction_uri(const BizTransaction& transaction);

}  // namespace kl::trace
