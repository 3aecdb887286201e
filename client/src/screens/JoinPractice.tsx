// Placeholder: replaced by the screen itself.
export default function JoinPractice() {
  return <div class="card narrow">JoinPractice</div>;
}
