#pragma once
// Write requests of one kind that arrive together become one write job (group commit shares the
// fsync between jobs; this shares the job itself: its reads, its multi-row writes and its SAVEPOINT).
//
// Leader and followers: a caller queues its item and, if no combined job of this coalescer is in
// flight, becomes the leader: it takes the queued items (up to `items_max` units), runs ONE write
// job over them, and answers each item with its own answer. Callers arriving meanwhile queue up and
// go in the next job, so the batch grows with the load and a lone caller waits for nobody.
//
// An item's answer is its own: `run_all` returns one Result per item, and an error for one item
// does not fail the others. When the combined job itself fails (an error of the whole job: the
// store, a constraint), nothing of it was kept, and each item is run again alone in its own write
// job, so the item that caused it gets the error and its neighbours their answers.
//
// Called on a thread that already runs a transaction of the store (inside a write job, or holding a
// read_write Tx), the item runs alone in that transaction: waiting for a leader would wait for
// ourselves.

#include <condition_variable>
#include <cstdint>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "core/assert.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::store {

// True when this thread runs a transaction of `store` (a write job, or a read_write Tx it holds).
bool runs_transaction_of(const Store& store);

template <typename Item, typename Answer>
class WriteCoalescer {
public:
    // One answer per item, in order. An Err in the outer Result fails the whole job (it is rolled
    // back and every item rerun alone); an Err for one item is that item's own answer, and what
    // the item changed must already be undone by run_all (the engine's own undo, or a savepoint).
    using RunAll = std::function<Result<std::vector<Result<Answer>>>(Tx&, const std::vector<const Item*>&)>;
    using Units = std::function<size_t(const Item&)>;  // an item's share of items_max (e.g. its rows)

    WriteCoalescer(Store& store, RunAll run_all, Units units, size_t units_max)
        : store_(store), run_all_(std::move(run_all)), units_(std::move(units)), units_max_(units_max) {
        KL_ASSERT(units_max_ > 0);
    }
    WriteCoalescer(const WriteCoalescer&) = delete;
    WriteCoalescer& operator=(const WriteCoalescer&) = delete;

    Result<Answer> submit(const Item& item) {
        if (runs_transaction_of(store_)) return run_alone(item);
        Waiter self{&item, std::nullopt};
        std::unique_lock lock(mutex_);
        queue_.push_back(&self);
        for (;;) {
            if (self.answer) return std::move(*self.answer);
            if (!leading_) {
                leading_ = true;
                std::vector<Waiter*> group = take_group();
                lock.unlock();
                run_group(group);
                lock.lock();
                leading_ = false;
                answered_.notify_all();
                continue;
            }
            answered_.wait(lock);
        }
    }

    // Combined jobs run, the items they carried, and items queued for the next job now.
    struct Stats {
        int64_t jobs = 0;
        int64_t items = 0;
        int64_t waiting = 0;
    };
    Stats stats() const {
        std::lock_guard lock(mutex_);
        Stats out = stats_;
        out.waiting = static_cast<int64_t>(queue_.size());
        return out;
    }

private:
    struct Waiter {
        const Item* item;
        std::optional<Result<Answer>> answer;
    };

    // The queue's head, up to units_max units (always at least one item). Under the mutex.
    std::vector<Waiter*> take_group() {
        std::vector<Waiter*> group;
        size_t units = 0;
        while (!queue_.empty()) {
            const size_t next = units_(*queue_.front()->item);
            if (!group.empty() && units + next > units_max_) break;
            units += next;
            group.push_back(queue_.front());
            queue_.pop_front();
        }
        ++stats_.jobs;
        stats_.items += static_cast<int64_t>(group.size());
        return group;
    }

    // Answers every waiter of the group (outside the mutex; answers are published under it).
    void run_group(const std::vector<Waiter*>& group) {
        std::vector<const Item*> items;
        items.reserve(group.size());
        for (const Waiter* waiter : group) items.push_back(waiter->item);
        std::vector<Result<Answer>> answers;
        auto done = store_.write([&](Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(answers, run_all_(tx, items));
            KL_ASSERT(answers.size() == items.size());
            return ok();
        });
        if (!done) {
            answers.clear();
            if (group.size() == 1) {
                answers.push_back(fail(std::move(done).error()));
            } else {
                for (const Item* item : items) answers.push_back(run_alone(*item));
            }
        }
        std::lock_guard lock(mutex_);
        for (size_t index = 0; index < group.size(); ++index) group[index]->answer.emplace(std::move(answers[index]));
    }

    Result<Answer> run_alone(const Item& item) {
        std::optional<Result<Answer>> answer;
        auto done = store_.write([&](Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(auto answers, run_all_(tx, {&item}));
            KL_ASSERT(answers.size() == 1);
            answer.emplace(std::move(answers.front()));
            if (!*answer) return fail(answer->error());  // nothing of a failed item is kept
            return ok();
        });
        if (!done) return fail(std::move(done).error());
        return std::move(*answer);
    }

    Store& store_;
    const RunAll run_all_;
    const Units units_;
    const size_t units_max_;
    mutable std::mutex mutex_;
    std::condition_variable answered_;
    std::deque<Waiter*> queue_;
    bool leading_ = false;
    Stats stats_;
};

}  // namespace kl::store
